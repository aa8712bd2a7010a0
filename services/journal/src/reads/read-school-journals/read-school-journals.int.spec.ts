import type { EventStore } from '@ejournal/event-store';
import { createTestDatabase, requireInfra, testMongoUrl } from '@ejournal/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { projectIdentityEvent } from '../../facts/project-identity-event';
import {
  classOpened,
  recorded,
  REGION,
  schoolRegistered,
} from '../../facts/testing/identity-events';
import { APP_POOL, EVENT_STORE } from '../../infrastructure/tokens';
import { ProjectionWaiter } from '../../read-models';
import { JournalEvents } from '../../read-models/testing/journal-events';
import { journalTestApp, type JournalTestApp } from '../../testing/journal-test-app';

/**
 * `GET /schools/{schoolId}/journals`: a school's managers and the region's auditors list every
 * journal of the school; a school the caller holds nothing in answers as an unknown one.
 */
describe('journal: the journals of a school', () => {
  const journals = [
    [new JournalEvents('physics-7b', 'school-a', 'class-7b'), '2026/2027'],
    [new JournalEvents('math-7a', 'school-a', 'class-7a'), '2026/2027'],
    [new JournalEvents('math-7a-last-year', 'school-a', 'class-7a'), '2025/2026'],
    [new JournalEvents('math-b', 'school-b', 'class-b'), '2026/2027'],
  ] as const;
  let journal: JournalTestApp;
  let app: NestFastifyApplication;
  const tokens: Record<'head' | 'teacher' | 'auditor', string> = {
    head: '',
    teacher: '',
    auditor: '',
  };

  beforeAll(async () => {
    const label = 'journal school journals';
    journal = await journalTestApp({
      servers: { ...(await requireInfra()) },
      database: await createTestDatabase(label),
      mongoUrl: testMongoUrl(label).url,
    });
    app = journal.app;
    const school = (id: string) => ({ kind: 'school' as const, id });
    tokens.head = await journal.token([{ role: 'head', scope: school('school-a') }], 'head-a');
    tokens.teacher = await journal.token([{ role: 'teacher', scope: school('school-a') }], 't-a');
    tokens.auditor = await journal.token(
      [{ role: 'auditor', scope: { kind: 'region', id: REGION } }],
      'auditor-1',
    );
    const pool = app.get<Pool>(APP_POOL);
    const facts = [
      ['school-a', [schoolRegistered('school-a'), classOpened('school-a', 'class-7a')]],
      ['school-a-7b', [classOpened('school-a', 'class-7b', 7, 'Б')]],
      ['school-b', [schoolRegistered('school-b'), classOpened('school-b', 'class-b')]],
    ] as const;
    for (const [streamId, events] of facts)
      for (const [index, event] of events.entries())
        await projectIdentityEvent(pool, recorded(streamId, index + 1, event));
    const store = app.get<EventStore>(EVENT_STORE);
    const waiter = app.get(ProjectionWaiter);
    for (const [events, academicYear] of journals) {
      const { lastVersion } = await store.append(events.streamId, 0, [
        events.opened(undefined, academicYear),
      ]);
      const caughtUp = await waiter.caughtUp(events.streamId, lastVersion, 20_000);
      expect({ stream: events.streamId, caughtUp }).toEqual({
        stream: events.streamId,
        caughtUp: true,
      });
    }
  }, 60_000);
  afterAll(() => journal?.close());

  const list = async (as: keyof typeof tokens, url: string) => {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${tokens[as]}` },
    });
    const body = response.json<{ code?: string; journals?: { journalId: string }[] }>();
    return {
      status: response.statusCode,
      code: body.code,
      ids: body.journals?.map((each) => each.journalId),
    };
  };

  it('lists every journal of the head’s school, newest year first, then by group', async () => {
    expect(await list('head', '/schools/school-a/journals')).toEqual({
      status: 200,
      code: undefined,
      ids: ['math-7a', 'physics-7b', 'math-7a-last-year'],
    });
  });

  it('lists one academic year when asked, and refuses a malformed one', async () => {
    const url = '/schools/school-a/journals?academicYear=2025%2F2026';
    expect((await list('head', url)).ids).toEqual(['math-7a-last-year']);
    const malformed = await list('head', '/schools/school-a/journals?academicYear=2025');
    expect([malformed.status, malformed.code]).toEqual([400, 'JOURNAL.INVALID_REQUEST']);
  });

  it('answers another school exactly as an unknown one: 412 JOURNAL.UNKNOWN_SCHOOL', async () => {
    const foreign = await list('head', '/schools/school-b/journals');
    expect(foreign).toEqual({ status: 412, code: 'JOURNAL.UNKNOWN_SCHOOL', ids: undefined });
    expect(await list('head', '/schools/school-unknown/journals')).toEqual(foreign);
  });

  it('lets the region’s auditor list any school, and refuses an unknown one alike', async () => {
    expect((await list('auditor', '/schools/school-b/journals')).ids).toEqual(['math-b']);
    expect(await list('auditor', '/schools/school-unknown/journals')).toEqual({
      status: 412,
      code: 'JOURNAL.UNKNOWN_SCHOOL',
      ids: undefined,
    });
  });

  it('refuses a teacher, who reads only her own journals: 403 AUTH.ROLE_REQUIRED', async () => {
    expect(await list('teacher', '/schools/school-a/journals')).toMatchObject({
      status: 403,
      code: 'AUTH.ROLE_REQUIRED',
    });
  });
});
