import { env, serviceEnv } from '@ejournal/config';
import { z } from 'zod';

export const diaryConfigSchema = z.object({ ...serviceEnv(3103), MONGO_URL: env.mongoUrl() });
export type DiaryConfig = z.infer<typeof diaryConfigSchema>;
