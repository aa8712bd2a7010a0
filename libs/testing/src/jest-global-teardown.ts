import { stopContainers } from './jest-global-setup';

export default async function globalTeardown(): Promise<void> {
  await stopContainers();
}
