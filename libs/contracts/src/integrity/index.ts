export * from './checkpoint-message';
