import { env, serviceEnv } from '@ejournal/config';
import { z } from 'zod';

export const journalConfigSchema = z.object({ ...serviceEnv(3102), MONGO_URL: env.mongoUrl() });
export type JournalConfig = z.infer<typeof journalConfigSchema>;
