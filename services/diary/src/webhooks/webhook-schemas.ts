import { NOTIFICATION_KINDS } from '@ejournal/contracts';
import { z } from 'zod';
import { WEBHOOK_SECRET_PATTERN } from './webhook-signature';

const schoolId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be an id');
const kinds = z
  .array(z.enum(NOTIFICATION_KINDS as [string, ...string[]]))
  .max(NOTIFICATION_KINDS.length)
  .describe('The notification kinds sent; empty: every kind');

export const registerWebhookBody = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).max(2048),
    secret: z
      .string()
      .regex(WEBHOOK_SECRET_PATTERN, 'must be whsec_ and the base64 of 24 to 64 random bytes')
      .describe('The Standard Webhooks secret the receiver verifies with; never answered back'),
    schoolIds: z.array(schoolId).min(1).max(200),
    kinds: kinds.default([]),
  })
  .meta({ id: 'RegisterWebhook' });

export const webhookView = z
  .strictObject({
    endpointId: z.uuid(),
    url: z.string(),
    schoolIds: z.array(z.string()),
    kinds: z.array(z.string()),
    registeredBy: z.string(),
    registeredAt: z.string(),
    previousSecretValidUntil: z
      .string()
      .nullable()
      .describe('During a rotation: until when the previous secret signs as well'),
  })
  .meta({ id: 'Webhook' });

export const rotateSecretBody = z
  .strictObject({
    secret: registerWebhookBody.shape.secret,
    previousValidForSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(86_400)
      .describe('How long the current secret keeps signing beside the new one; 0 ends it now'),
  })
  .meta({ id: 'RotateWebhookSecret' });

export const deadLettersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Paging: dead letters that died before this instant (the last `deadAt` of a page). */
  before: z.iso.datetime({ offset: true }).optional(),
});

export const deadLetterList = z
  .strictObject({
    items: z.array(
      z.strictObject({
        notificationId: z.uuid(),
        kind: z.string(),
        pupilId: z.string(),
        recipientId: z.string(),
        attempts: z.number().int(),
        firstAttemptAt: z.string(),
        deadAt: z.string(),
        lastError: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'WebhookDeadLetters' });

export const replayDeadBody = z
  .strictObject({
    notificationIds: z
      .array(z.uuid())
      .min(1)
      .max(1000)
      .optional()
      .describe('The dead letters to send again; absent: all of them'),
  })
  .meta({ id: 'ReplayDeadLetters' });

export const replaySinceBody = z
  .strictObject({
    from: z.iso
      .datetime({ offset: true })
      .describe('Every notification for the endpoint made since then is sent again'),
  })
  .meta({ id: 'ReplayWebhook' });

export const replayed = z.strictObject({ scheduled: z.number().int() }).meta({ id: 'Replayed' });
