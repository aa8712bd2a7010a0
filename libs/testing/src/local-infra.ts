/**
 * Addresses of the servers `npm run infra -- up` starts (tools/infra/infra.sh keeps the same
 * ports). Used when no server is given in the environment and no Docker engine answers.
 */
export const LOCAL_INFRA = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:55432/ejournal_test',
  KAFKA_BROKERS: '127.0.0.1:59092',
  MONGO_URL: 'mongodb://127.0.0.1:57017/',
} as const;

export type InfraVariable = keyof typeof LOCAL_INFRA;
export const INFRA_VARIABLES = Object.keys(LOCAL_INFRA) as InfraVariable[];
