import { z } from 'zod';

const urlWithProtocol = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  host: (fallback = '127.0.0.1') => z.string().min(1).default(fallback),
  postgresUrl: () =>
    urlWithProtocol(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/database'),
  mongoUrl: () => urlWithProtocol(['mongodb:'], 'mongodb://host:27017/database'),
  kafkaBrokers: () =>
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((broker) => broker.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().regex(/^[\w.-]+:\d{1,5}$/, 'each broker must be host:port'))
          .min(1, 'must list at least one broker as host:port[,host:port]'),
      ),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  milliseconds: (fallback: number) => z.coerce.number().int().min(0).default(fallback),
};
