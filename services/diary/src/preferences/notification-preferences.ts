import { z } from 'zod';

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time like 21:30')
  .describe('A wall-clock time in the time zone of the school the notification is about');

export const notificationPreferences = z
  .strictObject({
    channels: z
      .strictObject({
        /** Webhooks to the school apps (their push notifications). */
        app: z.boolean(),
        /** The live stream of the web diary (`GET /me/notifications/stream`). */
        web: z.boolean(),
      })
      .describe('Where notifications are pushed; the inbox (`GET /me/notifications`) keeps all'),
    quietHours: z
      .strictObject({ from: localTime, to: localTime })
      .refine((hours) => hours.from !== hours.to, 'from and to must differ')
      .nullable()
      .describe('Pushed at the end of the quiet hours instead, never dropped; may span midnight'),
    digest: z
      .strictObject({ at: localTime })
      .nullable()
      .describe('When set, app notifications are held and sent together once a day at this time'),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  channels: { app: true, web: true },
  quietHours: null,
  digest: null,
};

export type Channel = keyof NotificationPreferences['channels'];
