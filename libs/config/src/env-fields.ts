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
  /** 32 random bytes in base64: a key that encrypts secrets at rest (`seal`). */
  encryptionKey: () =>
    z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  milliseconds: (fallback: number) => z.coerce.number().int().min(0).default(fallback),
  /** A whole number in [min, max]. */
  integer: (fallback: number, min: number, max: number) =>
    z.coerce.number().int().min(min).max(max).default(fallback),
  /** A Kafka topic or consumer-group-safe name (tests use topics of their own). */
  topic: (fallback: string) =>
    z
      .string()
      .regex(/^[a-z0-9._-]{1,200}$/)
      .default(fallback),
  /** `true` or `false`, as a boolean. */
  flag: (fallback: 'true' | 'false') =>
    z
      .enum(['true', 'false'])
      .default(fallback)
      .transform((value) => value === 'true'),
};
