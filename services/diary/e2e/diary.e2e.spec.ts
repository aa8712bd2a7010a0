import { eventually, expectStatus, type Answer } from '@ejournal/testing';
import { randomBytes } from 'node:crypto';
import { notificationId } from '@ejournal/contracts';
import { isoWeekOf } from '../src/read-models/iso-week';
import { openStream } from '../src/testing/sse-client';
import { until } from '../src/testing/until';
import { setUpSchools, SCHOOL } from './diary-school';
import { startIdentityJournalAndDiary } from './diary-services';
import { markStream, type Recorded } from './mark-stream';
import { readTopic, topicContract } from './notification-topic';
import { startSchoolApp } from './webhook-app';

const BOOTSTRAP = 'E2E0-DIAR-Y000';
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

type Services = Awaited<ReturnType<typeof startIdentityJournalAndDiary>>;

/**
 * Identity, journal and diary as built services in child processes: a school imported in
 * identity, a teacher working in the journal, and what a family and a school app get from the
 * diary: the week, the live stream, a signed webhook and the Kafka topic.
 */
describe('diary end to end', () => {
  const summary: Record<string, unknown> = {};
  let services: Services;
  let school: Awaited<ReturnType<typeof setUpSchools>>;
  let app: Awaited<ReturnType<typeof startSchoolApp>>;
  let topic: Awaited<ReturnType<typeof readTopic>>;
  let journalId = '';
  let classId = '';
  const as = (key: string) => school.tokens.get(key) ?? '';
  const diary = (key: string, method: string, url: string, json?: unknown, noKey = false) =>
    services.diaryCall(method, url, {
      token: as(key),
      ...(json === undefined ? {} : { json }),
      ...(noKey ? { idempotencyKey: null } : {}),
    });
  const teacher = (url: string, json: unknown) =>
    services.call('POST', `/journals/${journalId}${url}`, { token: as('S-1'), json });
  const family = () => {
    const [p1, p2, g1, g2] = ['P-1', 'P-2', 'G-1', 'G-2'].map((key) => school.person(key));
    return { p1: p1 ?? '', p2: p2 ?? '', g1: g1 ?? '', g2: g2 ?? '' };
  };
  /** The notification ids the diary owes for recorded events: one per event and recipient. */
  const owed = (events: Recorded[], recipientsOf: (event: Recorded) => string[]) =>
    events.flatMap((event) => recipientsOf(event).map((r) => notificationId(event.eventId, r)));

  beforeAll(async () => {
    services = await startIdentityJournalAndDiary('diary e2e', BOOTSTRAP);
    school = await setUpSchools(services.id, BOOTSTRAP);
    // G-3's link ended last: once the diary refuses her, it holds every identity fact before.
    const ended = await eventually(
      () => diary('G-3', 'GET', `/pupils/${school.person('P-1')}/diary`),
      (answer) => answer.status !== 403,
      30_000,
    );
    expect([ended.status, ended.body.code]).toEqual([403, 'DIARY.NOT_YOUR_PUPIL']);
    app = await startSchoolApp(SECRET);
    topic = await readTopic(services.notificationsTopic);
    const classes = expectStatus(
      await services.id(
        'GET',
        `/schools/${SCHOOL}/classes?academicYear=${school.year.academicYear}`,
        {
          token: as('operator'),
        },
      ),
      200,
    );
    const opened = await eventually(
      () =>
        services.call('POST', '/journals', {
          token: as('S-4'),
          json: {
            schoolId: SCHOOL,
            academicYear: school.year.academicYear,
            groupId: (classId = classes.classes[0].classId),
            kind: 'lesson',
            subjectId: 'subject-math',
            scale: 'five_point',
            teacherIds: [school.person('S-1')],
          },
        }),
      (answer) => answer.status === 412 || answer.body?.code === 'JOURNAL.UNKNOWN_GROUP',
    );
    journalId = expectStatus(opened, 201).journalId;
  }, 120_000);

  afterAll(async () => {
    await topic?.close();
    await app?.close();
    await services?.stop();
    console.log(`diary e2e summary ${JSON.stringify(summary)}`);
  });

  it('refuses every command without an Idempotency-Key (428)', async () => {
    const webhook = { url: app.url, secret: SECRET, schoolIds: [SCHOOL], kinds: [] };
    const refused = await Promise.all([
      diary('operator', 'POST', '/webhooks', webhook, true),
      diary('G-1', 'PUT', '/me/notification-preferences', { channels: ['app', 'web'] }, true),
      diary('G-1', 'POST', '/me/notifications/read', { upTo: '1' }, true),
    ]);
    expect(refused.map((answer) => [answer.status, answer.body.code])).toEqual(
      Array(3).fill([428, 'HTTP.IDEMPOTENCY_KEY_REQUIRED']),
    );
    expectStatus(await diary('operator', 'POST', '/webhooks', webhook), 201);
  });

  it('a mark recorded, corrected and revoked and homework set reach the week, the stream, the webhook and the topic', async () => {
    const streamOf = (key: string) =>
      openStream(`${services.diary().baseUrl}/me/notifications/stream`, as(key));
    const streamOfG1 = await streamOf('G-1');
    const streamOfG4 = await streamOf('G-4');
    const { p1, p2, g1, g2 } = family();
    const today = school.year.daysAgo(0);
    const held = expectStatus(
      await teacher('/lessons', {
        date: today,
        slot: 1,
        topic: 'Обыкновенные дроби',
        homework: { text: '№ 214, 215', dueDate: school.year.daysAgo(-2) },
        entries: [
          {
            pupilId: p1,
            marks: [
              { value: '4', workType: 'classwork' },
              { value: '3', workType: 'test' },
            ],
          },
          { pupilId: p2, marks: [{ value: '5', workType: 'classwork' }] },
        ],
      }),
      201,
    );
    const revisionOf = (answer: { cells: { pupilId: string; revision: number }[] }) =>
      answer.cells.find((cell) => cell.pupilId === p1)?.revision;
    const [corrected, revoked] = held.events.slice(1) as Recorded[];
    const correction = expectStatus(
      await teacher(`/marks/${corrected?.data['markId']}/correction`, {
        value: '5',
        reason: 'Ошибка при вводе',
        expectedCellRevision: revisionOf(held),
      }),
      201,
    );
    const revocation = expectStatus(
      await teacher(`/marks/${revoked?.data['markId']}/revocation`, {
        reason: 'Оценка выставлена не тому ученику',
        expectedCellRevision: revisionOf(correction),
      }),
      201,
    );
    const events: Recorded[] = [...held.events, ...correction.events, ...revocation.events];
    expect(events.map((event) => event.type)).toEqual([
      'LessonHeld',
      'MarkRecorded',
      'MarkRecorded',
      'MarkRecorded',
      'MarkCorrected',
      'MarkRevoked',
    ]);
    const familyOf = (pupil: string) => (pupil === p1 ? [p1, g1] : [p2, g2]);
    const expected = owed(events, (event) =>
      event.type === 'LessonHeld' ? [p1, g1, p2, g2] : familyOf(event.data['pupilId'] ?? p1),
    ).sort();
    const expectedOfG1 = owed(events, (event) =>
      event.type === 'LessonHeld' || event.data['pupilId'] !== p2 ? [g1] : [],
    ).sort();
    expect([expected.length, expectedOfG1.length]).toEqual([14, 5]);

    const week = await eventually(
      () => diary('G-1', 'GET', `/pupils/${p1}/diary?week=${isoWeekOf(today)}`),
      (answer) => {
        const marks = lessonOn(answer, today)?.marks ?? [];
        return !(marks.length === 1 && marks[0].corrected);
      },
    );
    const lesson = lessonOn(week, today);
    expect(lesson).toMatchObject({
      topic: 'Обыкновенные дроби',
      homework: { text: '№ 214, 215', dueDate: school.year.daysAgo(-2) },
      marks: [{ value: '5', workType: 'classwork', corrected: true }],
    });

    const onTopic = await until('the 14 notifications on the topic', async () => {
      const ids = new Set(topic.messages.map((m) => m.headers['notificationId']));
      return expected.every((id) => ids.has(id)) && ids;
    });
    const accepted = await until('the 14 notifications at the webhook', async () => {
      const ids = app.acceptedIds();
      return expected.every((id) => ids.has(id)) && ids;
    });
    const streamed = await until('G-1’s 5 notifications on her stream', async () => {
      const ids = streamOfG1.notifications().map((event) => JSON.parse(event.data ?? '{}'));
      return ids.length >= expectedOfG1.length && ids;
    });
    const contract = await topicContract(
      JSON.stringify(expectStatus(await services.diaryCall('GET', '/asyncapi.json'), 200)),
      services.notificationsTopic,
    );
    expect(topic.messages.flatMap(contract)).toEqual([]);
    expect([...onTopic].sort()).toEqual(expected);
    expect([...accepted.keys()].sort()).toEqual(expected);
    expect(app.forged).toEqual([]);
    expect(streamed.map((n: { notificationId: string }) => n.notificationId).sort()).toEqual(
      expectedOfG1,
    );
    expect(streamed.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'homework_set',
      'mark_corrected',
      'mark_recorded',
      'mark_recorded',
      'mark_revoked',
    ]);
    expect(streamOfG4.notifications()).toEqual([]);
    streamOfG1.close();
    streamOfG4.close();
    summary['family'] = {
      notifications: expected.length,
      topicMessages: topic.messages.length,
      webhookRequests: app.requests.length,
      streamedToG1: streamed.length,
      streamedToG4: streamOfG4.notifications().length,
    };
  });

  it('refuses a parent of another child and one whose link ended (403); staff of another school answer as for an unknown pupil', async () => {
    const p1 = school.person('P-1');
    const answers: Record<string, string> = {};
    for (const [key, pupil] of [
      ['G-2', p1],
      ['G-3', p1],
      ['T-1', p1],
      ['T-1', 'pupil-nowhere-1'],
      ['T-2', p1],
      ['T-2', 'pupil-nowhere-1'],
    ] as const) {
      for (const read of ['diary', 'marks']) {
        const answer = await diary(key, 'GET', `/pupils/${pupil}/${read}`);
        answers[`${key} ${read} ${pupil === p1 ? 'P-1' : 'unknown'}`] =
          `${answer.status} ${answer.body.code} ${answer.body.title}`;
      }
    }
    const notYours = '403 DIARY.NOT_YOUR_PUPIL';
    for (const key of ['G-2', 'G-3'])
      for (const read of ['diary', 'marks'])
        expect(answers[`${key} ${read} P-1`]).toMatch(new RegExp(`^${notYours} `));
    // A teacher holds none of the reading roles: 403 whatever the pupil; a deputy head of
    // school 18 reads there only: P-1 answers as an id that exists nowhere.
    expect(answers['T-1 diary P-1']).toMatch(/^403 AUTH.ROLE_REQUIRED /);
    expect(answers['T-2 diary P-1']).toMatch(/^404 DIARY.PUPIL_NOT_FOUND /);
    for (const key of ['T-1', 'T-2'])
      for (const read of ['diary', 'marks'])
        expect(answers[`${key} ${read} P-1`]).toBe(answers[`${key} ${read} unknown`]);
    summary['refused'] = answers;
  });

  it('tells a guardian without consent, and one whose link ended, nothing', async () => {
    const [g3, g4] = [school.person('G-3'), school.person('G-4')];
    const inboxes = await Promise.all(
      ['G-3', 'G-4'].map(async (key) =>
        expectStatus(await diary(key, 'GET', '/me/notifications'), 200),
      ),
    );
    expect(inboxes.map((inbox) => inbox.items.length)).toEqual([0, 0]);
    const recipients = new Set(topic.messages.map((m) => JSON.parse(m.value).recipientId));
    const webhookRecipients = new Set(app.requests.map((r) => JSON.parse(r.body).data.recipientId));
    expect([recipients.has(g3), recipients.has(g4)]).toEqual([false, false]);
    expect([webhookRecipients.has(g3), webhookRecipients.has(g4)]).toEqual([false, false]);
    expect(recipients.size).toBe(4);
  });

  // The relay publishes a batch, then marks it published in the same transaction: a kill
  // between the broker's acknowledgement and the commit publishes that batch (up to 500) again
  // with the same notificationIds. The topic is at least once by design; what must hold is
  // one notification id per (event, recipient), each id exactly once in the diary's store.
  it('kill -9 of the diary in the middle of 1,000 marks: every notification delivered once per recipient', async () => {
    const { p1, p2, g1, g2 } = family();
    const earlier = new Set(app.acceptedIds().keys());
    const atKill: Record<string, number> = {};
    let restarted: Promise<void> = Promise.resolve();
    const restartedIn: number[] = [];
    const stream = await markStream(teacher, {
      total: 1000,
      days: [0, 1, 2, 3].map(school.year.daysAgo),
      pupils: [p1, p2],
      midway: async () => {
        await until('the diary delivering the stream', async () =>
          [...app.acceptedIds().keys()].some((id) => !earlier.has(id)),
        );
        Object.assign(atKill, {
          topicMessages: topic.messages.length,
          webhookAccepted: app.accepted().length,
        });
        await services.killDiary();
        const begun = performance.now();
        restarted = services.restartDiary().then(() => {
          restartedIn.push(performance.now() - begun);
        });
      },
    });
    await restarted;
    const expected = owed(stream.marks, (mark) =>
      mark.data['pupilId'] === p1 ? [p1, g1] : [p2, g2],
    );
    const wanted = new Set(expected);
    expect([stream.marks.length, wanted.size]).toEqual([1000, 2000]);
    const drained = performance.now();
    const missing = () => {
      const onTopic = new Set(topic.messages.map((m) => m.headers['notificationId']));
      const accepted = app.acceptedIds();
      return {
        topic: expected.filter((id) => !onTopic.has(id)).length,
        webhook: expected.filter((id) => !accepted.has(id)).length,
      };
    };
    await until(
      'every notification on the topic and at the webhook',
      async () => {
        const left = missing();
        return left.topic + left.webhook === 0;
      },
      60_000,
    ).catch((error: Error) => {
      const logs = services.diary().logs().split('\n').slice(-20).join('\n');
      throw new Error(`${error.message}; missing ${JSON.stringify(missing())}\n${logs}`);
    });
    const drainSeconds = (performance.now() - drained) / 1000;
    const ours = topic.messages.filter((m) => wanted.has(m.headers['notificationId'] ?? ''));
    const copies = new Map<string, Set<string>>();
    for (const m of ours) {
      const id = m.headers['notificationId'] ?? '';
      copies.set(id, (copies.get(id) ?? new Set()).add(m.value));
    }
    expect(copies.size).toBe(2000);
    expect([...copies.values()].every((values) => values.size === 1)).toBe(true);
    expect(ours.length - copies.size).toBeLessThanOrEqual(500);
    const accepted = app.acceptedIds();
    const ourDeliveries = [...accepted].filter(([id]) => wanted.has(id));
    expect(ourDeliveries).toHaveLength(2000);
    expect([...accepted.keys()].filter((id) => !wanted.has(id) && !earlier.has(id))).toEqual([]);
    expect(app.forged).toEqual([]);
    const inbox = await feedOf('G-1');
    expect(new Set(inbox).size).toBe(inbox.length);
    expect(inbox.filter((id) => wanted.has(id))).toHaveLength(500);
    summary['killed'] = {
      marks: stream.marks.length,
      commands: stream.commands,
      commandSeconds: Number(stream.seconds.toFixed(1)),
      atKill,
      restartMs: Math.round(restartedIn[0] ?? 0),
      drainAfterLastMarkSeconds: Number(drainSeconds.toFixed(1)),
      expected: wanted.size,
      topic: {
        messages: ours.length,
        distinctIds: copies.size,
        repeats: ours.length - copies.size,
      },
      webhook: {
        accepted: ourDeliveries.reduce((sum, [, times]) => sum + times, 0),
        distinctIds: ourDeliveries.length,
        acceptedMoreThanOnce: ourDeliveries.filter(([, times]) => times > 1).length,
      },
      inboxOfG1: { items: inbox.length, distinct: new Set(inbox).size },
    };
  }, 150_000);

  it('a cancellation of tomorrow’s lesson leaves the parent’s week and reaches her and the topic', async () => {
    const { p1, p2, g1, g2 } = family();
    const tomorrow = school.year.daysAgo(-1);
    const planning = `/schools/${SCHOOL}/years/${school.year.startYear}`;
    const deputy = (url: string, json: unknown) =>
      services.call('POST', `${planning}${url}`, { token: as('S-4'), json });
    const slots = [{ slot: 2, startsAt: '09:25', endsAt: '10:10' }];
    expectStatus(await deputy('/bells', { shift: 1, slots }), 201);
    const lessons = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
      day,
      slot: 2,
      journalId,
      teacherId: school.person('S-1'),
    }));
    const since = school.year.daysAgo(7);
    // The journal's planning finds the journal in its read model: retried until it is there.
    const timetable = await eventually(
      () => deputy('/timetable', { groupId: classId, effectiveFrom: since, lessons }),
      (answer) => answer.status === 422,
    );
    expectStatus(timetable, 201);
    const weekOfTomorrow = `/pupils/${p1}/diary?week=${isoWeekOf(tomorrow)}`;
    const plannedOn = (answer: Answer) =>
      answer.body?.days?.find((day: { date: string }) => day.date === tomorrow)?.planned ?? [];
    const planned = await eventually(
      () => diary('G-1', 'GET', weekOfTomorrow),
      (answer) => plannedOn(answer).length !== 1,
      30_000,
    );
    expect(plannedOn(planned)[0]).toMatchObject({ journalId, slot: 2, startsAt: '09:25' });
    const cancellation = {
      groupId: classId,
      journalId,
      kind: 'cancellation',
      date: tomorrow,
      slot: 2,
    };
    const changed = expectStatus(await deputy('/timetable/changes', cancellation), 201);
    const event = changed.events.find((each: { type: string }) => each.type === 'TimetableChanged');
    const owedIds = [p1, g1, p2, g2].map((recipient) => notificationId(event.eventId, recipient));
    const cancelled = await eventually(
      () => diary('G-1', 'GET', weekOfTomorrow),
      (answer) => plannedOn(answer).length !== 0,
      30_000,
    );
    expect(plannedOn(cancelled)).toEqual([]);
    const inbox = await until('the cancellation in G-1’s inbox', async () => {
      const page = expectStatus(await diary('G-1', 'GET', '/me/notifications?limit=20'), 200);
      return page.items.find((item: { kind: string }) => item.kind === 'lesson_cancelled');
    });
    expect(inbox).toMatchObject({
      notificationId: notificationId(event.eventId, g1),
      message: {
        data: { changeId: event.data.changeId, lesson: { journalId, date: tomorrow, slot: 2 } },
      },
    });
    const onTopic = await until('the cancellation on the topic for all four', async () => {
      const found = topic.messages.filter((m) =>
        owedIds.includes(m.headers['notificationId'] ?? ''),
      );
      return new Set(found.map((m) => m.headers['notificationId'])).size === 4 && found;
    });
    const contract = await topicContract(
      JSON.stringify(expectStatus(await services.diaryCall('GET', '/asyncapi.json'), 200)),
      services.notificationsTopic,
    );
    expect(onTopic.flatMap(contract)).toEqual([]);
    summary['cancellation'] = { tomorrow, notifications: onTopic.length };
  });

  /** Every notification id in a recipient's inbox, page by page. */
  async function feedOf(key: string): Promise<string[]> {
    const ids: string[] = [];
    for (let before: string | null = ''; before !== null;) {
      const url = `/me/notifications?limit=200${before ? `&before=${before}` : ''}`;
      const page = expectStatus(await diary(key, 'GET', url), 200);
      ids.push(...page.items.map((item: { notificationId: string }) => item.notificationId));
      before = page.next;
    }
    return ids;
  }
});

function lessonOn(answer: Answer, date: string) {
  const day = answer.body?.days?.find((each: { date: string }) => each.date === date);
  return day?.lessons?.[0];
}
