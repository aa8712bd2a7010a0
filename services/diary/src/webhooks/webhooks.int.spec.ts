import type { Grant } from '@ejournal/auth';
import { createTestDatabase, requireInfra, testMongoUrl, testTopic } from '@ejournal/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Webhook } from 'standardwebhooks';
import { APP_POOL } from '../infrastructure/tokens';
import { insertNotifications, startReceiver, type Receiver } from '../testing/delivery-fixture';
import { diaryTestApp, type DiaryTestApp } from '../testing/diary-test-app';
import { until } from '../testing/until';
import { newWebhookSecret } from './webhook-signature';

jest.setTimeout(30_000);

const S1 = 'school-1';
const S2 = 'school-2';
const school = (role: Grant['role'], id: string): Grant => ({
  role,
  scope: { kind: 'school', id },
});
const ADMIN_1 = [school('school_admin', S1)];
const OPERATOR: Grant[] = [
  { role: 'regional_operator', scope: { kind: 'region', id: 'region-91' } },
];
const RETRY_FOR_MS = 1_500;

describe('signed webhooks against real receivers on loopback', () => {
  let diary: DiaryTestApp;
  let pool: Pool;
  const receivers: Receiver[] = [];

  const call = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    grants: Grant[],
    body?: object,
    subject = 'admin-1',
  ) =>
    diary.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${await diary.token(grants, subject)}`,
        ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
      },
      ...(body ? { payload: body } : {}),
    });

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  };

  const register = async (url: string, secret: string, schoolIds = [S1], grants = ADMIN_1) => {
    const answer = await call('POST', '/webhooks', grants, { url, secret, schoolIds });
    expect(answer.statusCode).toBe(201);
    return answer.json().endpointId as string;
  };

  const verified = (secret: string, each: { body: string; headers: Record<string, string> }) =>
    new Webhook(secret).verify(each.body, each.headers) as { data: { notificationId: string } };

  beforeAll(async () => {
    const label = 'diary webhooks';
    diary = await diaryTestApp({
      servers: { ...(await requireInfra()) },
      database: await createTestDatabase(label),
      mongoUrl: testMongoUrl(label).url,
      topics: { identity: testTopic('w i'), journal: testTopic('w j'), diary: testTopic('w d') },
      consumers: false,
      env: {
        WEBHOOK_TIMEOUT_MS: '300',
        WEBHOOK_RETRY_MIN_MS: '50',
        WEBHOOK_RETRY_MAX_MS: '200',
        WEBHOOK_RETRY_FOR_MS: String(RETRY_FOR_MS),
        // The receivers listen on loopback, which webhooks may not reach by default.
        WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
        DIARY_SECRETS_KEY: randomBytes(32).toString('base64'),
      },
    });
    pool = diary.app.get<Pool>(APP_POOL);
    await pool.query(
      `INSERT INTO diary_facts.schools VALUES ($1, 'region-91', 'Europe/Moscow'),
         ($2, 'region-91', 'Asia/Vladivostok')`,
      [S1, S2],
    );
  });

  afterAll(async () => {
    await diary?.close();
    await Promise.all(receivers.map((each) => each.close()));
  });

  it('signs per Standard Webhooks, retries with the same webhook-id and keeps each pupil’s order', async () => {
    const secret = newWebhookSecret();
    // Every notification is refused once, then accepted after a varying delay.
    const app = await receiver((_request, attempt) =>
      attempt === 1 ? 503 : { slowMs: Math.floor(Math.random() * 40) },
    );
    await register(app.url, secret);
    const rows = ['pupil-1', 'pupil-2'].flatMap((pupilId) =>
      Array.from({ length: 6 }, () => ({ pupilId, recipientId: pupilId, schoolId: S1 })),
    );
    const ids = await insertNotifications(pool, rows);
    await until('12 notifications accepted', async () => app.accepted().length >= 12);
    const accepted = app.accepted().map((each) => verified(secret, each).data);
    expect(new Set(accepted.map((each) => each.notificationId))).toEqual(new Set(ids));
    for (const pupil of ['pupil-1', 'pupil-2']) {
      const order = ids.filter((_id, index) => rows[index]?.pupilId === pupil);
      const got = accepted
        .filter((each) => (each as unknown as { pupilId: string }).pupilId === pupil)
        .map((each) => each.notificationId);
      expect(got).toEqual(order);
    }
    // The refused first attempt and the accepted retry carried one id, each freshly stamped.
    for (const id of ids) {
      const attempts = app.requests.filter((each) => each.headers['webhook-id'] === id);
      expect(attempts.map((each) => each.answered)).toEqual([503, 200]);
    }
    expect(app.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('never lets a hung or failing endpoint delay a healthy one; dead letters are listed and replayed', async () => {
    const [healthy, hung, failing] = await Promise.all([
      receiver(() => 200),
      receiver(() => 'hang'),
      receiver(() => 500),
    ]);
    const secrets = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()] as const;
    const [, , failingId] = [
      await register(healthy.url, secrets[0], [S2], OPERATOR),
      await register(hung.url, secrets[1], [S2], OPERATOR),
      await register(failing.url, secrets[2], [S2], OPERATOR),
    ];
    const ids = await insertNotifications(
      pool,
      Array.from({ length: 5 }, (_, index) => ({
        pupilId: `pupil-${20 + index}`,
        recipientId: `pupil-${20 + index}`,
        schoolId: S2,
      })),
    );
    await until('the healthy endpoint served', async () => healthy.accepted().length === 5);
    await until('dead letters', async () => {
      const answer = await call('GET', `/webhooks/${failingId}/dead-letters`, OPERATOR);
      return answer.json().items?.length === 5;
    });
    const dead = (await call('GET', `/webhooks/${failingId}/dead-letters`, OPERATOR)).json();
    expect(dead.items[0]).toMatchObject({ kind: 'mark_recorded', lastError: 'answered 500' });
    expect(dead.items[0].attempts).toBeGreaterThan(2);
    const { rows: timedOut } = await pool.query<{ last_error: string }>(
      `SELECT last_error FROM diary.webhook_deliveries d JOIN diary.webhook_endpoints e
       USING (endpoint_id) WHERE e.url = $1 AND last_error IS NOT NULL LIMIT 1`,
      [hung.url],
    );
    expect(timedOut[0]?.last_error).toBe('no answer within 300 ms');

    failing.behave(() => 200);
    const replay = await call('POST', `/webhooks/${failingId}/dead-letters/replay`, OPERATOR, {});
    expect(replay.json()).toEqual({ scheduled: 5 });
    await until('the replayed dead letters', async () => failing.accepted().length === 5);
    expect(
      new Set(failing.accepted().map((each) => verified(secrets[2], each).data.notificationId)),
    ).toEqual(new Set(ids));
    const after = (await call('GET', `/webhooks/${failingId}/dead-letters`, OPERATOR)).json();
    expect(after.items).toEqual([]);
  });

  it('signs with both secrets during a rotation, and replays from a point in time', async () => {
    const [first, second] = [newWebhookSecret(), newWebhookSecret()];
    const app = await receiver(() => 200);
    const endpointId = await register(app.url, first, [S1], OPERATOR);
    const since = new Date();
    const [before] = await insertNotifications(pool, [
      { pupilId: 'pupil-9', recipientId: 'pupil-9', schoolId: S1, kind: 'homework_set' },
    ]);
    await until('the first delivery', async () => app.accepted().length === 1);
    const rotated = await call('POST', `/webhooks/${endpointId}/secret`, OPERATOR, {
      secret: second,
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().previousSecretValidUntil).toEqual(expect.any(String));
    const [after] = await insertNotifications(pool, [
      { pupilId: 'pupil-9', recipientId: 'pupil-9', schoolId: S1 },
    ]);
    await until('the second delivery', async () => app.accepted().length === 2);
    const signed = app.accepted()[1] as (typeof app.requests)[number];
    expect(signed.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verified(first, signed).data.notificationId).toBe(after);
    expect(verified(second, signed).data.notificationId).toBe(after);
    expect(() => verified(second, app.accepted()[0] as Received)).toThrow();

    const replay = await call('POST', `/webhooks/${endpointId}/replay`, OPERATOR, {
      from: since.toISOString(),
    });
    expect(replay.json()).toEqual({ scheduled: 2 });
    await until('the replay', async () => app.accepted().length === 4);
    expect(app.accepted().map((each) => each.headers['webhook-id'])).toEqual([
      before,
      after,
      before,
      after,
    ]);
  });

  it('still signs for an endpoint registered before secrets were sealed, and seals it on rotation', async () => {
    const plain = newWebhookSecret();
    const app = await receiver(() => 200);
    const endpointId = randomUUID();
    await pool.query(
      `INSERT INTO diary.webhook_endpoints (endpoint_id, url, school_ids, kinds, secrets,
         registered_by) VALUES ($1, $2, $3, '{}', ARRAY[$4], 'admin-1')`,
      [endpointId, app.url, ['school-legacy'], plain],
    );
    const [sent] = await insertNotifications(pool, [
      { pupilId: 'pupil-8', recipientId: 'pupil-8', schoolId: 'school-legacy' },
    ]);
    await until('the delivery', async () => app.accepted().length === 1);
    expect(verified(plain, app.accepted()[0] as Received).data.notificationId).toBe(sent);
    await call('POST', `/webhooks/${endpointId}/secret`, OPERATOR, { secret: newWebhookSecret() });
    const { rows } = await pool.query<{ secrets: string[] }>(
      'SELECT secrets FROM diary.webhook_endpoints WHERE endpoint_id = $1',
      [endpointId],
    );
    expect(rows[0]?.secrets).toEqual([expect.stringMatching(/^sealed:v1:/), plain]);
  });

  it('sends a delivery whose sender died mid-flight again once its lease lapses, with the same id', async () => {
    const app = await receiver(() => 200);
    const endpointId = await register(app.url, newWebhookSecret(), [S1], OPERATOR);
    const [id] = await insertNotifications(pool, [
      { pupilId: 'pupil-40', recipientId: 'pupil-40', schoolId: S1 },
    ]);
    const state = async () =>
      (
        await pool.query<{ state: string }>(
          'SELECT state FROM diary.webhook_deliveries WHERE endpoint_id = $1',
          [endpointId],
        )
      ).rows;
    await until('the delivery recorded', async () => (await state())[0]?.state === 'delivered');
    // As a sender that claimed it again and was killed before the answer was recorded.
    await pool.query(
      `UPDATE diary.webhook_deliveries SET state = 'pending', delivered_at = NULL,
         attempts = attempts + 1, lease_until = now() + interval '400 milliseconds'
       WHERE endpoint_id = $1`,
      [endpointId],
    );
    await until('the lapsed lease', async () => app.accepted().length === 2);
    expect(app.accepted().map((each) => each.headers['webhook-id'])).toEqual([id, id]);
    await until('the retry recorded', async () => (await state())[0]?.state === 'delivered');
    expect(app.requests).toHaveLength(2);
  });

  it('lets only the schools’ administrators and regional operators manage an endpoint', async () => {
    const both = await register('https://app.example/hook', newWebhookSecret(), [S1, S2], OPERATOR);
    const answers = await Promise.all([
      call('GET', `/webhooks/${both}`, OPERATOR),
      call('GET', `/webhooks/${both}`, ADMIN_1),
      call('GET', `/webhooks/${both}`, [school('school_admin', 'school-3')]),
      call('GET', `/webhooks/${randomUUID()}`, OPERATOR),
      call('GET', `/webhooks/${both}`, [school('teacher', S1)]),
      call('POST', '/webhooks', ADMIN_1, {
        url: 'https://app.example/hook',
        secret: newWebhookSecret(),
        schoolIds: [S1, S2],
      }),
      call('POST', '/webhooks', OPERATOR, {
        url: 'https://app.example/hook',
        secret: newWebhookSecret(),
        schoolIds: ['school-404'],
      }),
      call('POST', '/webhooks', OPERATOR, {
        url: 'ftp://app.example/hook',
        secret: 'not-a-secret',
        schoolIds: [S1],
      }),
      call('POST', '/webhooks', OPERATOR, {
        url: 'http://169.254.169.254/latest/meta-data/',
        secret: newWebhookSecret(),
        schoolIds: [S1],
      }),
      call('POST', '/webhooks', ADMIN_1, {
        url: 'https://[fd00::5]:8443/hook',
        secret: newWebhookSecret(),
        schoolIds: [S1],
      }),
    ]);
    expect(answers.map((each) => each.statusCode)).toEqual([
      200, 403, 404, 404, 403, 404, 404, 400, 422, 422,
    ]);
    expect(answers.map((each) => each.json().code)).toEqual([
      undefined,
      'DIARY.NOT_YOUR_WEBHOOK',
      'DIARY.WEBHOOK_NOT_FOUND',
      'DIARY.WEBHOOK_NOT_FOUND',
      'AUTH.ROLE_REQUIRED',
      'DIARY.SCHOOL_NOT_FOUND',
      'DIARY.SCHOOL_NOT_FOUND',
      'DIARY.INVALID_REQUEST',
      'DIARY.WEBHOOK_TARGET_FORBIDDEN',
      'DIARY.WEBHOOK_TARGET_FORBIDDEN',
    ]);
    expect(answers[0]?.json()).not.toHaveProperty('secret');
    const { rows } = await pool.query<{ secrets: string[] }>(
      'SELECT secrets FROM diary.webhook_endpoints WHERE endpoint_id = $1',
      [both],
    );
    expect(rows[0]?.secrets).toEqual([expect.stringMatching(/^sealed:v1:[A-Za-z0-9+/]+=*$/)]);
    const listed = (await call('GET', `/webhooks?schoolId=${S1}`, ADMIN_1)).json();
    expect(listed.items.every((each: { schoolIds: string[] }) => each.schoolIds.includes(S1))).toBe(
      true,
    );
    expect(listed.items.some((each: { endpointId: string }) => each.endpointId === both)).toBe(
      false,
    );
  });

  it('defers a guardian’s pushes to the end of her quiet hours and sends none with the app channel off', async () => {
    const app = await receiver(() => 200);
    const endpointId = await register(app.url, newWebhookSecret(), [S2], OPERATOR);
    // Quiet from an hour ago to an hour from now, on Vladivostok's wall clock.
    const local = (shiftMinutes: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Vladivostok',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(Date.now() + shiftMinutes * 60_000));
    const put = async (subject: string, preferences: object) =>
      diary.app.inject({
        method: 'PUT',
        url: '/me/notification-preferences',
        headers: {
          authorization: `Bearer ${await diary.token([school('parent', S2)], subject)}`,
          'idempotency-key': randomUUID(),
        },
        payload: preferences,
      });
    const quiet = { from: local(-60), to: local(60) };
    expect(
      (
        await put('guardian-q', {
          channels: { app: true, web: true },
          quietHours: quiet,
          digest: null,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await put('guardian-off', {
          channels: { app: false, web: true },
          quietHours: null,
          digest: null,
        })
      ).statusCode,
    ).toBe(200);
    const [deferred, off, pupil] = await insertNotifications(pool, [
      { pupilId: 'pupil-30', recipientId: 'guardian-q', schoolId: S2 },
      { pupilId: 'pupil-30', recipientId: 'guardian-off', schoolId: S2 },
      { pupilId: 'pupil-30', recipientId: 'pupil-30', schoolId: S2 },
    ]);
    await until('the pupil’s own notification', async () =>
      app.accepted().some((each) => each.headers['webhook-id'] === pupil),
    );
    const { rows } = await pool.query<{ notification_id: string; minutes: number }>(
      `SELECT notification_id, round(extract(epoch FROM next_attempt_at - now()) / 60)::int AS minutes
       FROM diary.webhook_deliveries WHERE notification_id = ANY($1) AND endpoint_id = $2`,
      [[deferred, off], endpointId],
    );
    expect(rows).toEqual([{ notification_id: deferred, minutes: expect.any(Number) }]);
    expect(rows[0]?.minutes).toBeGreaterThanOrEqual(59);
    expect(rows[0]?.minutes).toBeLessThanOrEqual(61);
    expect(app.requests.map((each) => each.headers['webhook-id'])).not.toContain(deferred);
  });
});

/** A receiver's answer held until the spec lets it go. */
function held() {
  let release: (status: number) => void = () => undefined;
  const answer = new Promise<number>((resolve) => (release = resolve));
  return { answer, release };
}

describe('an endpoint’s pipeline, served by two diary processes', () => {
  let diaries: DiaryTestApp[] = [];
  let pool: Pool;
  const receivers: Receiver[] = [];

  const register = async (url: string) => {
    const [diary] = diaries as [DiaryTestApp];
    const answer = await diary.app.inject({
      method: 'POST',
      url: '/webhooks',
      headers: {
        authorization: `Bearer ${await diary.token(OPERATOR, 'operator-1')}`,
        'idempotency-key': randomUUID(),
      },
      payload: { url, secret: newWebhookSecret(), schoolIds: [S1] },
    });
    expect(answer.statusCode).toBe(201);
  };

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  };

  const pupilOf = (each: Received) =>
    (JSON.parse(each.body) as { data: { pupilId: string } }).data.pupilId;

  beforeAll(async () => {
    const label = 'diary webhook pipeline';
    const servers = { ...(await requireInfra()) };
    const database = await createTestDatabase(label);
    const options = {
      servers,
      database,
      mongoUrl: testMongoUrl(label).url,
      topics: { identity: testTopic('wp i'), journal: testTopic('wp j'), diary: testTopic('wp d') },
      consumers: false,
      env: {
        // No request times out while a spec holds it: only the pipeline lets others pass.
        WEBHOOK_TIMEOUT_MS: '60000',
        WEBHOOK_CONCURRENCY: '2',
        WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      },
    };
    const first = await diaryTestApp(options);
    diaries = [first, await diaryTestApp({ ...options, sharesDatabase: true })];
    pool = first.app.get<Pool>(APP_POOL);
    await pool.query(`INSERT INTO diary_facts.schools VALUES ($1, 'region-91', 'Europe/Moscow')`, [
      S1,
    ]);
  });

  afterAll(async () => {
    await Promise.all(receivers.map((each) => each.close()));
    for (const diary of diaries.reverse()) await diary.close();
  });

  it('lets one pupil’s hung request hold only that pupil’s queue, in order, each id once', async () => {
    const hold = held();
    const app = await receiver((request, attempt) =>
      pupilOf(request) === 'pupil-hung' && attempt === 1 ? { answer: hold.answer } : 200,
    );
    await register(app.url);
    const pupils = ['pupil-hung', 'pupil-a', 'pupil-b', 'pupil-c'];
    const rows = Array.from({ length: 4 }, () =>
      pupils.map((pupilId) => ({ pupilId, recipientId: pupilId, schoolId: S1 })),
    ).flat();
    const ids = await insertNotifications(pool, rows);
    const others = ids.filter((_id, index) => rows[index]?.pupilId !== 'pupil-hung');
    await until('the other pupils’ notifications, while the hung request is held', async () =>
      others.every((id) => app.accepted().some((each) => each.headers['webhook-id'] === id)),
    );
    const hung = app.requests.filter((each) => pupilOf(each) === 'pupil-hung');
    expect(hung.map((each) => each.answered)).toEqual([0]);
    hold.release(200);
    await until('the hung pupil’s queue', async () => app.accepted().length === ids.length);
    for (const pupil of pupils) {
      const order = ids.filter((_id, index) => rows[index]?.pupilId === pupil);
      const got = app
        .accepted()
        .filter((each) => pupilOf(each) === pupil)
        .map((each) => each.headers['webhook-id']);
      expect(got).toEqual(order);
    }
    expect(app.requests).toHaveLength(ids.length);
    const { rows: states } = await pool.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM diary.webhook_deliveries
       WHERE notification_id = ANY($1) GROUP BY state`,
      [ids],
    );
    expect(states).toEqual([{ state: 'delivered', n: ids.length }]);
  });

  it('never lets an endpoint holding every request delay a healthy one', async () => {
    const hold = held();
    const [hung, healthy] = [
      await receiver(() => ({ answer: hold.answer })),
      await receiver(() => 200),
    ];
    await register(hung.url);
    await register(healthy.url);
    const ids = await insertNotifications(
      pool,
      Array.from({ length: 8 }, (_, index) => ({
        pupilId: `pupil-${50 + (index % 4)}`,
        recipientId: `pupil-${50 + (index % 4)}`,
        schoolId: S1,
      })),
    );
    await until('the healthy endpoint served', async () => healthy.accepted().length === 8);
    expect(healthy.accepted().map((each) => each.headers['webhook-id'])).toEqual(
      expect.arrayContaining(ids),
    );
    expect(hung.requests.every((each) => each.answered === 0)).toBe(true);
    hold.release(200);
    await until('the held endpoint served', async () => hung.accepted().length === 8);
  });
});

type Received = Receiver['requests'][number];
