import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates environment variables against a schema whose keys are the variable names.
 * Every problem is reported at once, naming the variable; values are never echoed because
 * connection strings carry passwords.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0]);
    const missing = env[variable] === undefined || env[variable] === '';
    return `${variable}: ${missing ? 'is required' : issue.message}`;
  });
  throw new ConfigError(problems);
}
