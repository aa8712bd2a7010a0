import { serviceEnv } from '@ejournal/config';
import { z } from 'zod';

export const identityConfigSchema = z.object(serviceEnv(3101));
export type IdentityConfig = z.infer<typeof identityConfigSchema>;
