import * as testing from '@ejournal/testing';
import { newEventId, type NewEvent } from '@ejournal/contracts';
import { START, type EventStore } from '@ejournal/event-store';
import { Checkpointer, IntegrityService } from '@ejournal/integrity';
import {
  buildWholeLog,
  integrityFixture,
  newSigner,
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
import { DocumentSources } from '../documents/sources/document-sources';
import { ARCHIVE_STORE } from '../retention/archive-writes';
import { archiveStores, type ArchiveStores } from '../testing/archive-stores';
import { archiveTestApp, type ArchiveTestApp, type Caller } from '../testing/archive-test-app';
import { owningStore, type OwningStore } from './testing/owning-store';

jest.setTimeout(60_000);

const SCHOOL = 'school-17';
const OLD = 'journal-j-2020-math';
const HELD = 'journal-j-2020-music';
const SHEET = 'summary-school-17-2020-class-7b';
const TOKEN = 'archive-service-token';

const event = (type: string, data: object, role = 'teacher'): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  occurredAt: '2020-09-01T06:15:00.000Z',
  tenant: { regionId: 'region-91', schoolId: SCHOOL },
  actor: { userId: `user-${role}`, role, onBehalfOf: null },
  correlationId: 'corr-1',
  causationId: null,
  traceparent: null,
  data,
});
const journal = (journalId: string) => [
  event('JournalOpened', {
    journalId,
    schoolId: SCHOOL,
    academicYear: '2020/2021',
    groupId: 'class-7b',
    kind: 'lesson',
    subjectId: `subject-${journalId}`,
    scale: 'five_point',
  }),
  event('LessonHeld', {
    lessonId: `${journalId}-l1`,
    date: '2020-09-01',
    slot: 1,
    topic: 'Дроби',
    homework: null,
  }),
  event('JournalSealed', { academicYear: '2020/2021' }, 'head'),
];
const school = (role: 'head' | 'school_admin') => ({
  role,
  scope: { kind: 'school' as const, id: SCHOOL },
});
const officer: Caller = { subject: 'officer-1', grants: [school('school_admin')] };
const head: Caller = { subject: 'head-1', grants: [school('head')] };
const regional: Caller = {
  subject: 'operator-1',
  grants: [{ role: 'regional_operator', scope: { kind: 'region', id: 'region-91' } }],
};
const acts = `/schools/${SCHOOL}/disposal-acts`;

describe('archive: legal holds and disposal acts, executed by the owning store', () => {
  let stores: ArchiveStores;
  let archive: ArchiveTestApp;
  let source: IntegrityFixture;
  let owner: OwningStore;
  let publisher: Publisher;
  let archiveStore: EventStore;

  const payloads = async (streamId: string) =>
    (
      await source.admin.query(
        'SELECT canonical IS NOT NULL AS kept FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version',
        [streamId],
      )
    ).rows.map((row) => row.kept);
  /** How many of a stream's events the archive keeps to print from (`document_sources`). */
  const keptSources = async (streamId: string) =>
    (await archive.app.get(DocumentSources).stream(streamId, 1_000)).length;
  const untilKept = async (streamId: string, count: number) => {
    const deadline = Date.now() + 20_000;
    while ((await keptSources(streamId)) !== count) {
      if (Date.now() > deadline) throw new Error(`${streamId}: never ${count} sources kept`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const untilCatalogued = async (id: string) => {
    const deadline = Date.now() + 20_000;
    while ((await archive.get(`/records/${id}`, regional)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`${id} never catalogued`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    stores = await archiveStores('archive disposal', testing);
    source = await integrityFixture(await createTestDatabase('archive disposal source'));
    owner = await owningStore(source.adminUrl, source.roles.disposal, TOKEN);
    const bus = createKafkajsBus({
      brokers: (stores.environment['KAFKA_BROKERS'] as string).split(','),
      clientId: 'spec',
    });
    const admin = await bus.admin();
    const topic = stores.environment['JOURNAL_EVENTS_TOPIC'] as string;
    await provisionEventTopics(admin, [topic], { partitions: 1, replicationFactor: 1 });
    await admin.close();
    publisher = await bus.publisher();
    archive = await archiveTestApp(
      { ...stores.environment, CONSUMERS_ENABLED: 'true', JOURNAL_URL: owner.url },
      { clock: () => new Date('2026-12-07T09:00:00Z'), disposalToken: async () => TOKEN },
    );
    archiveStore = archive.app.get(ARCHIVE_STORE);
    await source.store.append(OLD, 'noStream', journal('j-2020-math'));
    await source.store.append(HELD, 'noStream', journal('j-2020-music'));
    await source.store.append(SHEET, 'noStream', [
      event(
        'CouncilDecisionRecorded',
        {
          decisionId: 'd1',
          pupilId: 'pupil-1',
          decision: 'promoted',
          decidedOn: '2021-05-30',
          orderRef: '12',
        },
        'head',
      ),
    ]);
    await untilReadable(source, 7);
    const page = await source.store.readAll(START, { limit: 100 });
    await publisher.publish(
      topic,
      page.entries.map((entry) => toOutboundMessage(entry.event, context.active())),
    );
    for (const id of [OLD, HELD, SHEET]) await untilCatalogued(id);
    await untilKept(OLD, 3);
    await untilKept(HELD, 3);
    await untilKept(SHEET, 1);
  });

  afterAll(async () => {
    await archive?.close();
    await publisher?.close();
    await owner?.close();
    await source?.drop();
    await stores?.drop();
  });

  it('lists the journals of 2020/2021 as due (kept until 31 August 2026), not the summary sheet', async () => {
    const answer = await archive.get(`${acts}/candidates?year=2020`, officer);
    expect(answer.status).toBe(200);
    expect(answer.body.records.map((r: { recordId: string }) => r.recordId).sort()).toEqual([
      OLD,
      HELD,
    ]);
    expect(answer.body.records[0]).toMatchObject({ dispositionDate: '2026-08-31' });
  });

  it('refuses to draft an act of a record on legal hold, or of a record still within retention', async () => {
    const hold = await archive.post(`/records/${HELD}/holds`, head, {
      holdId: 'hold-1',
      reason: 'Проверка Рособрнадзора',
      orderRef: '77-п',
    });
    expect(hold).toMatchObject({ status: 200, body: { holds: [{ holdId: 'hold-1' }] } });
    const teacher = {
      subject: 't-1',
      grants: [{ role: 'teacher' as const, scope: { kind: 'school' as const, id: SCHOOL } }],
    };
    expect(await archive.post(`/records/${HELD}/holds`, teacher, { reason: 'x' })).toMatchObject({
      status: 403,
    });
    expect(
      await archive.post(acts, officer, { recordIds: [OLD, HELD], reason: 'Истёк срок хранения' }),
    ).toMatchObject({ status: 409, body: { code: 'ARCHIVE.LEGAL_HOLD' } });
    expect(
      await archive.post(acts, officer, { recordIds: [SHEET], reason: 'Истёк срок хранения' }),
    ).toMatchObject({ status: 409, body: { code: 'ARCHIVE.RETENTION_NOT_EXPIRED' } });
  });

  it('refuses to execute an act without approval, and disposes of nothing', async () => {
    const drafted = await archive.post(acts, officer, {
      actId: 'act-2026-1',
      recordIds: [OLD],
      reason: 'Истёк срок хранения',
    });
    expect(drafted).toMatchObject({ status: 201, body: { status: 'drafted', needed: ['head'] } });
    expect(await archive.post(`${acts}/act-2026-1/execution`, officer)).toMatchObject({
      status: 409,
      body: { code: 'ARCHIVE.ACT_NOT_APPROVED' },
    });
    expect(
      await archive.post(`${acts}/act-2026-1/approvals`, officer, { as: 'head' }),
    ).toMatchObject({
      status: 403,
    });
    expect(owner.calls).toEqual([]);
    expect(await payloads(OLD)).toEqual([true, true, true]);
  });

  it('executes the approved act: payloads gone, hashes and act kept, the store still verifies', async () => {
    const hashes = (await source.store.readStream(OLD)).map((e) => e.hash);
    const approved = await archive.post(`${acts}/act-2026-1/approvals`, head, {
      as: 'head',
      orderRef: '15-о',
    });
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved' } });
    const executed = await archive.post(`${acts}/act-2026-1/execution`, officer);
    expect(executed).toMatchObject({
      status: 200,
      body: {
        status: 'executed',
        executed: [{ recordId: OLD, eventCount: 3, lastVersion: 3, lastHash: hashes[2] }],
      },
    });
    expect(await payloads(OLD)).toEqual([false, false, false]);
    const kept = await source.admin.query(
      `SELECT encode(hash, 'hex') AS hash FROM event_store.events WHERE stream_id = $1 ORDER BY stream_version`,
      [OLD],
    );
    expect(kept.rows.map((row) => row.hash)).toEqual(hashes);
    // The summary sheet of the same year and the held journal are untouched.
    expect(await payloads(SHEET)).toEqual([true]);
    expect(await payloads(HELD)).toEqual([true, true, true]);
    // The archive's own copy of the journal's content is gone too, the others' kept.
    expect([await keptSources(OLD), await keptSources(HELD), await keptSources(SHEET)]).toEqual([
      0, 3, 1,
    ]);
    // Nor does it serve the record's document any more.
    expect(await archive.get(`/records/${OLD}/document/pdf`, head)).toMatchObject({
      status: 409,
      body: { code: 'ARCHIVE.RECORD_DISPOSED' },
    });
    await buildWholeLog(source);
    await new Checkpointer({
      db: source.pool,
      signer: newSigner(),
      logId: source.name,
    }).checkpoint();
    const report = await new IntegrityService(source.pool).verify();
    expect(report).toMatchObject({ ok: true, firstProblem: null });
    expect(report.disposedStreams).toEqual([
      expect.objectContaining({
        streamId: OLD,
        status: 'disposed (act archive disposal act act-2026-1)',
      }),
    ]);
    // Every step is an event of the archive's own store; the act is a permanent record.
    const steps = (await archiveStore.readStream('disposal-act-2026-1')).map((e) => [
      e.type,
      e.actor.userId,
    ]);
    expect(steps).toEqual([
      ['DisposalActDrafted', 'officer-1'],
      ['DisposalActApproved', 'head-1'],
      ['DisposalRecordExecuted', 'officer-1'],
      ['DisposalActExecuted', 'officer-1'],
    ]);
    expect((await archiveStore.readStream(`retention-${OLD}`)).map((e) => e.type)).toEqual([
      'RecordDisposalStarted',
      'RecordDisposed',
    ]);
  });

  it('answers a repeated execution with the same act, recording nothing twice', async () => {
    const before = (await archiveStore.readStream('disposal-act-2026-1')).length;
    const again = await archive.post(`${acts}/act-2026-1/execution`, officer);
    expect(again).toMatchObject({ status: 200, body: { status: 'executed', version: before } });
    expect((await archiveStore.readStream('disposal-act-2026-1')).length).toBe(before);
    expect(await archive.post(`/records/${OLD}/holds`, head, { reason: 'Суд' })).toMatchObject({
      status: 409,
      body: { code: 'ARCHIVE.RECORD_DISPOSED' },
    });
  });

  it('refuses to execute an approved act whose record was put on hold after approval', async () => {
    await archive.post(`/records/${HELD}/holds/hold-1/release`, head, {
      reason: 'Проверка окончена',
    });
    await archive.post(acts, officer, { actId: 'act-2026-2', recordIds: [HELD], reason: 'Срок' });
    await archive.post(`${acts}/act-2026-2/approvals`, head, { as: 'head' });
    await archive.post(`/records/${HELD}/holds`, regional, {
      holdId: 'hold-2',
      reason: 'Запрос суда',
    });
    expect(await archive.post(`${acts}/act-2026-2/execution`, officer)).toMatchObject({
      status: 409,
      body: { code: 'ARCHIVE.LEGAL_HOLD' },
    });
    expect(await payloads(HELD)).toEqual([true, true, true]);
    expect(
      await archive.get(`${acts}/act-2026-2`, { subject: 'x', grants: [school('head')] }),
    ).toMatchObject({
      status: 200,
      body: { status: 'approved', executed: [] },
    });
    const other = {
      subject: 'h-9',
      grants: [{ role: 'head' as const, scope: { kind: 'school' as const, id: 'school-99' } }],
    };
    expect(await archive.get(`${acts}/act-2026-2`, other)).toMatchObject({ status: 404 });
  });
});
