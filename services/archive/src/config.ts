import { env, serviceEnv } from '@ejournal/config';
import { z } from 'zod';

export const archiveConfigSchema = z.object({ ...serviceEnv(3104), MONGO_URL: env.mongoUrl() });
export type ArchiveConfig = z.infer<typeof archiveConfigSchema>;
