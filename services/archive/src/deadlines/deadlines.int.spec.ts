import * as testing from '@ejournal/testing';
import { RECORDS, type RecordModel } from '../catalogue/record-model';
import { archiveStores, type ArchiveStores } from '../testing/archive-stores';
import { archiveTestApp, type ArchiveTestApp, type Caller } from '../testing/archive-test-app';

jest.setTimeout(60_000);

const document = (ref: string) => ({
  ref,
  size: 1000,
  contentType: 'application/pdf',
  sourceVersion: 9,
  producedAt: '2026-06-10T10:00:00.000Z',
  signatureRef: `${ref}.p7s`,
});
const signature = (ref: string, role = 'head') => ({
  signedBy: 'head-1',
  role,
  at: '2026-06-11T10:00:00.000Z',
  algorithm: 'Ed25519',
  documentRef: ref,
});
const record = (id: string, schoolId: string, fields: object) => ({
  _id: id,
  kind: id.startsWith('journal-') ? 'journal' : 'summary_sheet',
  title: id,
  regionId: 'region-91',
  schoolId,
  startYear: 2025,
  activityKind: 'lesson',
  status: 'open',
  signatures: [],
  document: null,
  ...fields,
});
const headOf = (school: string): Caller => ({
  subject: `head-${school}`,
  grants: [{ role: 'head', scope: { kind: 'school', id: school } }],
});
const regional: Caller = {
  subject: 'operator-1',
  grants: [{ role: 'regional_operator', scope: { kind: 'region', id: 'region-91' } }],
};

describe('archive: the year-end deadline view (30 June)', () => {
  let stores: ArchiveStores;
  let archive: ArchiveTestApp;
  let now = new Date('2026-06-20T09:00:00Z');

  beforeAll(async () => {
    stores = await archiveStores('archive deadlines', testing);
    archive = await archiveTestApp(
      { ...stores.environment, CONSUMERS_ENABLED: 'false' },
      { clock: () => now },
    );
    const records: RecordModel = archive.app.get(RECORDS);
    await records.collection.insertMany([
      record('journal-a', 'school-17', {
        status: 'sealed',
        document: document('sha256:a'),
        signatures: [signature('sha256:a')],
      }),
      // Sealed and printed, signed only by a deputy: not signed by the head.
      record('journal-b', 'school-17', {
        status: 'sealed',
        document: document('sha256:b'),
        signatures: [signature('sha256:b', 'deputy_head')],
      }),
      record('journal-c', 'school-17', { status: 'open' }),
      record('summary-school-17-2025-7b', 'school-17', {
        document: document('sha256:s'),
        signatures: [signature('sha256:s')],
      }),
      record('journal-d', 'school-18', {
        status: 'sealed',
        document: document('sha256:d'),
        signatures: [signature('sha256:d')],
      }),
      { ...record('journal-e', 'school-18', {}), startYear: 2024 },
    ] as never[]);
  });

  afterAll(async () => {
    await archive?.close();
    await stores?.drop();
  });

  it('shows a head her school: sealed, printed, signed per record, nothing overdue before 30 June', async () => {
    const answer = await archive.get('/deadlines/schools/school-17?year=2025', headOf('school-17'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      deadline: '2026-06-30',
      today: '2026-06-20',
      state: 'in_progress',
      overdue: 0,
      journals: { total: 3, sealed: 2, printed: 2, signed: 1, overdue: 0 },
      summarySheets: { total: 1, printed: 1, signed: 1 },
    });
    const rows = answer.body.records.map((r: Record<string, unknown>) =>
      ['recordId', 'sealed', 'printed', 'signed', 'overdue'].map((key) => r[key]),
    );
    expect(rows).toEqual([
      ['journal-a', true, true, true, false],
      ['journal-b', true, true, false, false],
      ['journal-c', false, false, false, false],
      ['summary-school-17-2025-7b', null, true, true, false],
    ]);
  });

  it('marks what is not done as overdue after 30 June, in the school’s time zone', async () => {
    now = new Date('2026-06-30T20:30:00Z'); // 23:30 in Simferopol: still 30 June
    const onTheDay = await archive.get(
      '/deadlines/schools/school-17?year=2025',
      headOf('school-17'),
    );
    expect(onTheDay.body).toMatchObject({ today: '2026-06-30', overdue: 0 });
    now = new Date('2026-06-30T21:30:00Z'); // 00:30 on 1 July there
    const after = await archive.get('/deadlines/schools/school-17?year=2025', headOf('school-17'));
    expect(after.body).toMatchObject({ today: '2026-07-01', state: 'overdue', overdue: 2 });
    expect(
      after.body.records
        .filter((r: { overdue: boolean }) => r.overdue)
        .map((r: { recordId: string }) => r.recordId),
    ).toEqual(['journal-b', 'journal-c']);
  });

  it('shows the regional operator every school of the region; a head only hers', async () => {
    const region = await archive.get('/deadlines?year=2025', regional);
    expect(region.status).toBe(200);
    expect(region.body).toMatchObject({ regionId: 'region-91', overdueSchools: 1 });
    expect(
      region.body.schools.map((s: { schoolId: string; state: string }) => [s.schoolId, s.state]),
    ).toEqual([
      ['school-17', 'overdue'],
      ['school-18', 'done'],
    ]);
    expect(await archive.get('/deadlines?year=2025', headOf('school-17'))).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_REQUIRED' },
    });
    expect(
      await archive.get('/deadlines/schools/school-18?year=2025', headOf('school-17')),
    ).toMatchObject({
      status: 404,
      body: { code: 'ARCHIVE.UNKNOWN_SCHOOL' },
    });
    expect(
      await archive.get('/deadlines/schools/school-17?year=20x', headOf('school-17')),
    ).toMatchObject({
      status: 400,
      body: { code: 'ARCHIVE.INVALID_REQUEST' },
    });
  });
});
