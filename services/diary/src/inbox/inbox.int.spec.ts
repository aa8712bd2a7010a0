import type { Grant } from '@ejournal/auth';
import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { insertNotifications } from '../testing/delivery-fixture';
import { diaryTestApp, type DiaryTestApp } from '../testing/diary-test-app';
import { openStream } from '../testing/sse-client';
import { until } from '../testing/until';

jest.setTimeout(30_000);

const S1 = 'school-1';
const PARENT: Grant[] = [{ role: 'parent', scope: { kind: 'school', id: S1 } }];

describe('the inbox and the live stream of a recipient', () => {
  let diary: DiaryTestApp;
  let pool: Pool;
  let base: string;

  const token = (subject: string) => diary.token(PARENT, subject);
  const call = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    subject: string,
    body?: object,
    key?: string,
  ) =>
    diary.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${await token(subject)}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body ? { payload: body } : {}),
    });

  beforeAll(async () => {
    const label = 'diary inbox';
    diary = await diaryTestApp({
      servers: { ...(await requireInfra()) },
      database: await createTestDatabase(label),
      mongoUrl: testMongoUrl(label).url,
      topics: { identity: testTopic('i i'), journal: testTopic('i j'), diary: testTopic('i d') },
      consumers: false,
      env: { STREAM_HEARTBEAT_MS: '200', WEBHOOKS_ENABLED: 'false' },
    });
    pool = diary.app.get<Pool>(APP_POOL);
    await pool.query(`INSERT INTO diary_facts.schools VALUES ($1, 'region-91', 'Europe/Moscow')`, [
      S1,
    ]);
    await diary.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(diary.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => diary?.close());

  it('streams new notifications within a second, with heartbeats, and resumes after Last-Event-ID', async () => {
    const stream = await openStream(`${base}/me/notifications/stream`, await token('guardian-1'));
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const [first] = await insertNotifications(pool, [
      { pupilId: 'pupil-1', recipientId: 'guardian-1', schoolId: S1 },
      { pupilId: 'pupil-2', recipientId: 'guardian-2', schoolId: S1 },
    ]);
    const sent = Date.now();
    const [event] = await until(
      'the first event',
      async () => (stream.notifications().length > 0 ? stream.notifications() : null),
      5_000,
    );
    expect(Date.now() - sent).toBeLessThan(1_000);
    expect(JSON.parse(event?.data ?? '{}')).toMatchObject({
      notificationId: first,
      recipientId: 'guardian-1',
    });
    await until('a heartbeat', async () =>
      stream.events.some((each) => each.comment === 'heartbeat'),
    );
    stream.close();

    const missed = await insertNotifications(pool, [
      { pupilId: 'pupil-1', recipientId: 'guardian-1', schoolId: S1 },
      { pupilId: 'pupil-1', recipientId: 'guardian-1', schoolId: S1, kind: 'homework_set' },
    ]);
    const resumed = await openStream(
      `${base}/me/notifications/stream`,
      await token('guardian-1'),
      event?.id,
    );
    await until('the missed events', async () => resumed.notifications().length === 2);
    expect(
      resumed.notifications().map((each) => JSON.parse(each.data ?? '{}').notificationId),
    ).toEqual(missed);
    expect(Number(resumed.notifications()[0]?.id)).toBeGreaterThan(Number(event?.id));
    resumed.close();
  });

  it('holds a stream’s notifications through quiet hours and sends them once over', async () => {
    const local = (shift: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Moscow',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(Date.now() + shift * 60_000));
    const preferences = {
      channels: { app: true, web: true },
      quietHours: { from: local(-30), to: local(30) },
      digest: null,
    };
    expect(
      (await call('PUT', '/me/notification-preferences', 'guardian-5', preferences, randomUUID()))
        .statusCode,
    ).toBe(200);
    const stream = await openStream(`${base}/me/notifications/stream`, await token('guardian-5'));
    const [held] = await insertNotifications(pool, [
      { pupilId: 'pupil-5', recipientId: 'guardian-5', schoolId: S1 },
    ]);
    await until(
      'two heartbeats',
      async () => stream.events.filter((each) => each.comment === 'heartbeat').length >= 2,
    );
    expect(stream.notifications()).toEqual([]);
    expect(
      (
        await call(
          'PUT',
          '/me/notification-preferences',
          'guardian-5',
          { ...preferences, quietHours: null },
          randomUUID(),
        )
      ).statusCode,
    ).toBe(200);
    await until('the held event', async () => stream.notifications().length === 1);
    expect(JSON.parse(stream.notifications()[0]?.data ?? '{}').notificationId).toBe(held);
    stream.close();
  });

  it('pages the inbox newest first with read and unread, and marks read', async () => {
    const ids = await insertNotifications(
      pool,
      Array.from({ length: 5 }, () => ({
        pupilId: 'pupil-7',
        recipientId: 'guardian-7',
        schoolId: S1,
      })),
    );
    const first = (await call('GET', '/me/notifications?limit=3', 'guardian-7')).json();
    expect(first.items.map((each: { notificationId: string }) => each.notificationId)).toEqual(
      ids.slice(2).reverse(),
    );
    expect(first.unread).toBe(5);
    const second = (
      await call('GET', `/me/notifications?limit=3&before=${first.next}`, 'guardian-7')
    ).json();
    expect(second.items.map((each: { notificationId: string }) => each.notificationId)).toEqual(
      ids.slice(0, 2).reverse(),
    );
    expect(second.next).toBeNull();

    const key = randomUUID();
    const marked = await call(
      'POST',
      '/me/notifications/read',
      'guardian-7',
      { notificationIds: ids.slice(0, 2) },
      key,
    );
    expect(marked.json()).toEqual({ marked: 2 });
    const retried = await call(
      'POST',
      '/me/notifications/read',
      'guardian-7',
      { notificationIds: ids.slice(0, 2) },
      key,
    );
    expect(retried.json()).toEqual({ marked: 2 });
    const reused = await call(
      'POST',
      '/me/notifications/read',
      'guardian-7',
      { upTo: first.items[0].id },
      key,
    );
    expect(reused.statusCode).toBe(422);
    expect(
      (await call('POST', '/me/notifications/read', 'guardian-7', { upTo: first.items[0].id }))
        .statusCode,
    ).toBe(428);
    const unread = (await call('GET', '/me/notifications?unread=true', 'guardian-7')).json();
    expect(unread.items.map((each: { notificationId: string }) => each.notificationId)).toEqual(
      ids.slice(2).reverse(),
    );
    expect(unread.unread).toBe(3);
    // Another person's notifications are neither listed nor marked.
    expect((await call('GET', '/me/notifications', 'guardian-8')).json().items).toEqual([]);
    expect(
      (
        await call(
          'POST',
          '/me/notifications/read',
          'guardian-8',
          { upTo: first.items[0].id },
          randomUUID(),
        )
      ).json(),
    ).toEqual({ marked: 0 });
  });

  it('keeps each person’s preferences, with defaults before any are set', async () => {
    expect((await call('GET', '/me/notification-preferences', 'guardian-9')).json()).toEqual({
      channels: { app: true, web: true },
      quietHours: null,
      digest: null,
    });
    const set = {
      channels: { app: true, web: false },
      quietHours: { from: '21:00', to: '07:00' },
      digest: { at: '19:30' },
    };
    expect(
      (await call('PUT', '/me/notification-preferences', 'guardian-9', set, randomUUID())).json(),
    ).toEqual(set);
    expect((await call('GET', '/me/notification-preferences', 'guardian-9')).json()).toEqual(set);
    const invalid = await call(
      'PUT',
      '/me/notification-preferences',
      'guardian-9',
      { ...set, quietHours: { from: '25:00', to: '07:00' } },
      randomUUID(),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('DIARY.INVALID_REQUEST');
  });
});
