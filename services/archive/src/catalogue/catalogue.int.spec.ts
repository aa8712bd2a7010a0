import * as testing from '@ejournal/testing';
import { newEventId, type NewEvent } from '@ejournal/contracts';
import { START } from '@ejournal/event-store';
import {
  integrityFixture,
  untilReadable,
  type IntegrityFixture,
} from '@ejournal/integrity/testing';
import {
  createKafkajsBus,
  provisionEventTopics,
  toOutboundMessage,
  type Publisher,
} from '@ejournal/messaging';
import { createTestDatabase } from '@ejournal/testing';
import { context } from '@opentelemetry/api';
import { archiveStores, type ArchiveStores } from '../testing/archive-stores';
import { archiveTestApp, type ArchiveTestApp } from '../testing/archive-test-app';

jest.setTimeout(60_000);

const JOURNAL = 'j-7b-math';
const event = (type: string, schemaVersion: number, data: object, role = 'teacher'): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion,
  occurredAt: '2026-09-01T06:15:00.000Z',
  tenant: { regionId: 'region-91', schoolId: 'school-17' },
  actor: { userId: `user-${role}`, role, onBehalfOf: null },
  correlationId: 'corr-1',
  causationId: null,
  traceparent: null,
  data,
});
const correction = {
  reason: 'Справка',
  authorisedBy: 'user-deputy',
  orderRef: '45-о',
  policyVersion: 1,
};
const regional = [
  { role: 'regional_operator' as const, scope: { kind: 'region' as const, id: 'region-91' } },
];
const headOf = (school: string) => [
  { role: 'head' as const, scope: { kind: 'school' as const, id: school } },
];

describe('archive: the record catalogue, fed from the journal’s topic', () => {
  let stores: ArchiveStores;
  let archive: ArchiveTestApp;
  let source: IntegrityFixture;
  let publisher: Publisher;

  const publishAll = async () => {
    const page = await source.store.readAll(START, { limit: 100 });
    const topic = stores.environment['JOURNAL_EVENTS_TOPIC'] as string;
    const messages = page.entries.map((entry) => toOutboundMessage(entry.event, context.active()));
    await publisher.publish(topic, messages);
  };
  const untilRecord = async (id: string, version: number) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await archive.get(`/records/${id}`, regional);
      if (answer.status === 200 && answer.body.contentHash.streamVersion >= version)
        return answer.body;
      if (Date.now() > deadline) throw new Error(`record ${id} never reached ${version}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    stores = await archiveStores('archive catalogue', testing);
    source = await integrityFixture(await createTestDatabase('archive catalogue source'));
    const bus = createKafkajsBus({
      brokers: (stores.environment['KAFKA_BROKERS'] as string).split(','),
      clientId: 'spec',
    });
    const admin = await bus.admin();
    await provisionEventTopics(admin, [stores.environment['JOURNAL_EVENTS_TOPIC'] as string], {
      partitions: 2,
      replicationFactor: 1,
    });
    await admin.close();
    publisher = await bus.publisher();
    archive = await archiveTestApp({ ...stores.environment, CONSUMERS_ENABLED: 'true' });
    await source.store.append(`journal-${JOURNAL}`, 'noStream', [
      event('JournalOpened', 1, {
        journalId: JOURNAL,
        schoolId: 'school-17',
        academicYear: '2026/2027',
        groupId: 'class-7b',
        kind: 'lesson',
        subjectId: 'subject-math',
        scale: 'five_point',
      }),
      event('LessonHeld', 1, {
        lessonId: 'l1',
        date: '2026-09-01',
        slot: 1,
        topic: 'Уравнения',
        homework: null,
      }),
      event('LessonVoided', 1, { lessonId: 'l1', ...correction }, 'deputy_head'),
      event('JournalSealed', 1, { academicYear: '2026/2027' }, 'head'),
    ]);
    await source.store.append('summary-school-17-2026-class-7b', 'noStream', [
      event(
        'CouncilDecisionRecorded',
        1,
        {
          decisionId: 'd1',
          pupilId: 'pupil-1',
          decision: 'promoted',
          decidedOn: '2027-05-30',
          orderRef: '12',
        },
        'head',
      ),
    ]);
    await untilReadable(source, 5);
    await publishAll();
  });

  afterAll(async () => {
    await archive?.close();
    await publisher?.close();
    await source?.drop();
    await stores?.drop();
  });

  it('catalogues a journal with its retention, status, content hash and actions', async () => {
    const record = await untilRecord(`journal-${JOURNAL}`, 4);
    const head = (await source.store.readStream(`journal-${JOURNAL}`)).at(-1);
    expect(record).toMatchObject({
      identifier: `ejournal:region-91:journal-${JOURNAL}`,
      kind: 'journal',
      schoolId: 'school-17',
      academicYear: '2026/2027',
      startYear: 2026,
      activityKind: 'lesson',
      subjectId: 'subject-math',
      status: 'sealed',
      retention: {
        retentionClass: 'journal-5y',
        countedFrom: '2027-08-31',
        dispositionDate: '2032-08-31',
      },
      contentHash: { algorithm: 'sha-256-chain', value: head?.hash, streamVersion: 4 },
      signatures: [],
      stale: null,
    });
    expect(record.actions.map((a: { action: string; by: string }) => [a.action, a.by])).toEqual([
      ['captured', 'user-teacher'],
      ['corrected', 'user-deputy_head'],
      ['sealed', 'user-head'],
    ]);
    expect(record.actions[1]).toMatchObject({ authorisedBy: 'user-deputy', orderRef: '45-о' });
  });

  it('catalogues the class’s summary sheet for 25 years, and lists a school’s year', async () => {
    const sheet = await untilRecord('summary-school-17-2026-class-7b', 1);
    expect(sheet).toMatchObject({
      kind: 'summary_sheet',
      classId: 'class-7b',
      retention: { retentionClass: 'summary-sheet-25y', dispositionDate: '2052-08-31' },
    });
    const list = await archive.get('/records?schoolId=school-17&year=2026', headOf('school-17'));
    expect(list.status).toBe(200);
    expect(list.body.records.map((r: { _id: string }) => r._id)).toEqual([
      `journal-${JOURNAL}`,
      'summary-school-17-2026-class-7b',
    ]);
  });

  it('is idempotent when the topic delivers everything again', async () => {
    await publishAll();
    await untilRecord('summary-school-17-2026-class-7b', 1);
    // A marker published after the replay: once it is in, the replay was processed.
    await source.store.append('summary-school-17-2026-class-7b', 1, [
      event(
        'CouncilDecisionRecorded',
        1,
        {
          decisionId: 'd2',
          pupilId: 'pupil-2',
          decision: 'retained',
          decidedOn: '2027-05-30',
          orderRef: '12',
        },
        'head',
      ),
    ]);
    await untilReadable(source, 6);
    const page = await source.store.readAll(START, { limit: 100 });
    const last = page.entries.at(-1)?.event;
    await publisher.publish(stores.environment['JOURNAL_EVENTS_TOPIC'] as string, [
      toOutboundMessage(last as NonNullable<typeof last>, context.active()),
    ]);
    const sheet = await untilRecord('summary-school-17-2026-class-7b', 2);
    expect(sheet.actions.map((a: { action: string }) => a.action)).toEqual([
      'captured',
      'decision_recorded',
    ]);
    const journal = await untilRecord(`journal-${JOURNAL}`, 4);
    expect(journal.actions).toHaveLength(3);
  });

  it('answers ids of another school as unknown ones, and needs a records role', async () => {
    const other = headOf('school-99');
    expect(await archive.get(`/records/journal-${JOURNAL}`, other)).toMatchObject({
      status: 404,
      body: { code: 'ARCHIVE.RECORD_NOT_FOUND' },
    });
    expect(await archive.get('/records/journal-nope', other)).toMatchObject({
      status: 404,
      body: { code: 'ARCHIVE.RECORD_NOT_FOUND' },
    });
    expect(await archive.get('/records?schoolId=school-17&year=2026', other)).toMatchObject({
      status: 404,
      body: { code: 'ARCHIVE.UNKNOWN_SCHOOL' },
    });
    expect(await archive.get(`/records/journal-${JOURNAL}`, headOf('school-17'))).toMatchObject({
      status: 200,
    });
    const teacher = [
      { role: 'teacher' as const, scope: { kind: 'school' as const, id: 'school-17' } },
    ];
    expect(await archive.get(`/records/journal-${JOURNAL}`, teacher)).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_REQUIRED' },
    });
    expect(await archive.get('/records?schoolId=school-17&year=abc', regional)).toMatchObject({
      status: 400,
      body: { code: 'ARCHIVE.INVALID_REQUEST' },
    });
  });
});
