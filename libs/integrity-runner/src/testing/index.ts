export { listenToCheckpoints, type CheckpointListener } from './checkpoint-listener';
