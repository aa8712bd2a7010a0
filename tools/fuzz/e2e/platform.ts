import { kafkaClient } from '@ejournal/messaging';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { logLevel } from 'kafkajs';
import {
  createTestDatabase,
  dropMongo,
  dropRoles,
  eventually,
  expectStatus,
  registerSchool,
  rosterFile,
  signInEveryone,
  signInOperator,
  startBuiltService,
  startIdentityAndJournal,
  testMongoUrl,
  testReadStorePostgresUrl,
  testTopic,
  uniqueTestName,
  yearAroundToday,
  type RunningService,
} from '@ejournal/testing';

const BOOTSTRAP = 'FUZZ-0000-0001';
const SCHOOL = 'school-fuzz';

/** One class, a pupil with a parent, a teacher: enough to sign in every kind of caller. */
const ROSTER = [
  'класс;F-C;;;;;7Ф;;;;;;',
  'ученик;F-P;Проверкин;Павел;;02.02.2013;7Ф;;;;;;',
  'родитель;F-G;Проверкина;Галина;;;;;F-P;мать;;;',
  'сотрудник;F-T;Тестова;Татьяна;;;;учитель;;;;;',
  'сотрудник;F-D;Завучева;Дарья;;;;завуч;;;;;',
  'сотрудник;F-X;Запасов;Захар;;;;учитель;;;;;',
];

/** A service under fuzzing: where it answers and the callers it is fuzzed as, first first. */
export interface FuzzTarget {
  service: string;
  baseUrl: string;
  callers: Caller[];
}

export type Caller = 'operator' | 'teacher' | 'parent';

export interface FuzzPlatform {
  targets: FuzzTarget[];
  /** A fresh access token of the caller (they live minutes; a fuzzing run may outlast one). */
  signIn(caller: Caller): Promise<string>;
  /** Ids that exist, by the parameter name that carries them (`journalId`, `pupilId`). */
  known: Record<string, string[]>;
  stop(): Promise<void>;
}

/** The school's people as `signInEveryone` activated them (login = key, lower case). */
const CREDENTIALS: Record<Caller, { login: string; password: string }> = {
  operator: { login: 'operator', password: 'operator-password-1' },
  teacher: { login: 'f-t', password: 'pass-F-T-long' },
  parent: { login: 'f-g', password: 'pass-F-G-long' },
};

/**
 * Identity, journal, diary and archive as built services in child processes on loopback, on
 * databases and topics of their own, with one school whose operator, teacher and parent sign in
 * for each run. Webhooks are off: fuzzed subscriptions must not send requests anywhere.
 */
export async function startFuzzPlatform(label: string): Promise<FuzzPlatform> {
  const platform = await startIdentityAndJournal(label, BOOTSTRAP);
  const started: RunningService[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const topics = [platform.identityTopic, platform.journalTopic];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await platform.stop();
    await deleteTopics(topics);
  };
  const topic = (name: string) => {
    topics.push(testTopic(name));
    return topics.at(-1) ?? '';
  };
  try {
    const diaryStores = await ownStores(`${label} diary`, cleanups);
    const jwks = `${platform.identity.baseUrl}/.well-known/jwks.json`;
    const diary = await startBuiltService('diary', {
      ...diaryStores,
      AUTH_JWKS_URL: jwks,
      IDENTITY_EVENTS_TOPIC: platform.identityTopic,
      IDENTITY_CONSUMER_GROUP: uniqueTestName(`${label} diary identity`),
      JOURNAL_EVENTS_TOPIC: platform.journalTopic,
      JOURNAL_CONSUMER_GROUP: uniqueTestName(`${label} diary journal`),
      DIARY_NOTIFICATIONS_TOPIC: topic(`${label} notifications`),
      DIARY_TOPIC_PARTITIONS: '1',
      WEBHOOKS_ENABLED: 'false',
    });
    started.push(diary);
    const documents = await mkdtemp(path.join(tmpdir(), 'test-fuzz-documents-'));
    cleanups.push(() => rm(documents, { recursive: true, force: true }));
    const archive = await startBuiltService('archive', {
      DOCUMENT_STORE_DIR: documents,
      IDENTITY_URL: platform.identity.baseUrl,
      JOURNAL_URL: platform.journal.baseUrl,
      SERVICE_TOKEN_URL: `${platform.identity.baseUrl}/auth/token`,
      ...(await ownStores(`${label} archive`, cleanups)),
      AUTH_JWKS_URL: jwks,
      JOURNAL_EVENTS_TOPIC: platform.journalTopic,
      INTEGRITY_CHECKPOINTS_TOPIC: topic(`${label} checkpoints`),
      CATALOGUE_CONSUMER_GROUP: uniqueTestName(`${label} catalogue`),
      CHECKPOINTS_CONSUMER_GROUP: uniqueTestName(`${label} checkpoints`),
      DOCUMENTS_CONSUMER_GROUP: uniqueTestName(`${label} documents`),
      INTEGRITY_ENABLED: 'false',
    });
    started.push(archive);
    const known = await setUpSchool(platform.id, platform.call);
    return {
      known,
      // Identity last: what fuzzing changes there (guardianships ended, people deactivated)
      // would narrow what the others' callers can reach.
      targets: [
        { service: 'journal', baseUrl: platform.journal.baseUrl, callers: ['teacher', 'operator'] },
        { service: 'diary', baseUrl: diary.baseUrl, callers: ['parent', 'operator'] },
        { service: 'archive', baseUrl: archive.baseUrl, callers: ['operator', 'teacher'] },
        {
          service: 'identity',
          baseUrl: platform.identity.baseUrl,
          callers: ['operator', 'parent'],
        },
      ],
      async signIn(caller) {
        const session = await platform.id('POST', '/auth/sign-in', { json: CREDENTIALS[caller] });
        return expectStatus(session, 200).access_token as string;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A database and a read-store database of the service's own, dropped by `stop`. */
async function ownStores(label: string, cleanups: (() => Promise<void>)[]) {
  const database = await createTestDatabase(label);
  const mongo = testMongoUrl(label);
  cleanups.push(async () => {
    await database.drop();
    await dropRoles([database.name]);
    await dropMongo(mongo.url);
  });
  return {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
    MONGO_URL: mongo.url,
    READ_STORE_POSTGRES_URL: testReadStorePostgresUrl(),
  };
}

type Call = Awaited<ReturnType<typeof startIdentityAndJournal>>['id'];

/**
 * The school registered and its roster imported by the operator, everyone activated; once
 * identity's facts reach the journal, a journal of the class taught by the teacher, with a
 * lesson and a mark. Returns the ids by the names of the parameters that carry them.
 */
async function setUpSchool(id: Call, call: Call): Promise<Record<string, string[]>> {
  const year = yearAroundToday();
  const operator = await signInOperator(id, BOOTSTRAP);
  const as = { token: operator };
  expectStatus(
    await id('POST', '/municipalities', { ...as, json: { municipalityId: 'mun-e2e' } }),
    201,
  );
  await registerSchool(id, operator, SCHOOL, year);
  const url = `/schools/${SCHOOL}/roster-imports?academicYear=${year.academicYear}`;
  const imported = expectStatus(await id('POST', url, { ...as, csv: rosterFile(ROSTER) }), 200);
  const people = new Map<string, string>(
    imported.people.map((p: { key: string; personId: string }) => [p.key, p.personId]),
  );
  const person = (key: string) => people.get(key) ?? '';
  const tokens = await signInEveryone(id, operator, SCHOOL, people);
  const classes = expectStatus(
    await id('GET', `/schools/${SCHOOL}/classes?academicYear=${year.academicYear}`, as),
    200,
  );
  const classId: string = classes.classes[0].classId;
  const opened = await eventually(
    () =>
      call('POST', '/journals', {
        token: tokens.get('F-D'),
        json: {
          schoolId: SCHOOL,
          academicYear: year.academicYear,
          groupId: classId,
          kind: 'lesson',
          subjectId: 'subject-math',
          scale: 'five_point',
          teacherIds: [person('F-T')],
        },
      }),
    (answer) => answer.status === 412 || answer.body?.code === 'JOURNAL.UNKNOWN_GROUP',
  );
  const { journalId } = expectStatus(opened, 201);
  const held = expectStatus(
    await call('POST', `/journals/${journalId}/lessons`, {
      token: tokens.get('F-T'),
      json: {
        date: year.daysAgo(1),
        slot: 1,
        topic: 'Дроби',
        homework: null,
        entries: [{ pupilId: person('F-P'), marks: [{ value: '4', workType: 'classwork' }] }],
      },
    }),
    201,
  );
  const dataOf = (type: string) =>
    held.events.find((event: { type: string }) => event.type === type)?.data ?? {};
  return {
    schoolId: [SCHOOL],
    academicYear: [year.academicYear],
    classId: [classId],
    groupId: [classId],
    pupilId: [person('F-P')],
    // Not the callers': a fuzzed deactivation of one would end the run's sign-ins.
    personId: [person('F-P'), person('F-X')],
    guardianId: [person('F-G')],
    teacherId: [person('F-T')],
    journalId: [journalId],
    lessonId: [dataOf('LessonHeld').lessonId],
    markId: [dataOf('MarkRecorded').markId],
  };
}

/** The run's topics and their dead-letter topics. */
async function deleteTopics(topics: string[]): Promise<void> {
  const admin = kafkaClient({
    clientId: 'fuzz-cleanup',
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ours = topics.flatMap((topic) => [topic, `${topic}.dlq`]).filter((t) => existing.has(t));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  } finally {
    await admin.disconnect();
  }
}
