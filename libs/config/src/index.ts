export { ConfigError, loadConfig } from './load-config';
export { env } from './env-fields';
export { callerEnv, readModelEnv, serviceEnv } from './service-env';
export { seal, unseal } from './sealing';
