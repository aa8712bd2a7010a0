export { createHttpApp, jsonLogger, startService } from './bootstrap-service';
export type { ServiceOptions } from './bootstrap-service';
