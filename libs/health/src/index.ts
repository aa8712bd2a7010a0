export type { DependencyProbe } from './dependency-probe';
export { HealthModule } from './health.module';
export { kafkaProbe } from './kafka.probe';
export { mongoProbe } from './mongo.probe';
export { postgresProbe } from './postgres.probe';
