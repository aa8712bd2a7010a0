export { integrityRunnerEnv } from './integrity-runner-env';
export { KafkaCheckpointPublisher } from './checkpoint-message';
export {
  startIntegrityRunner,
  type IntegrityRunner,
  type IntegrityRunnerOptions,
} from './start-integrity-runner';
export {
  integrityRunner,
  IntegrityLogRunner,
  type IntegrityRunnerConfig,
  type IntegrityRunnerSettings,
  type IntegrityRunnerTokens,
} from './integrity-runner.provider';
