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
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { archiveStores, type ArchiveStores } from '../testing/archive-stores';
import { archiveTestApp, type ArchiveTestApp } from '../testing/archive-test-app';
import { DocumentSources } from './sources/document-sources';

jest.setTimeout(180_000);

const run = promisify(execFile);
const PKI_SCRIPT = path.resolve(__dirname, '../../scripts/local-signing-pki.sh');
const SCHOOL = 'school-17';
const JOURNAL = 'journal-j-7b-math';
const SHEET = `summary-${SCHOOL}-2026-class-7b`;
const event = (type: string, data: object, role = 'teacher'): NewEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  occurredAt: '2027-05-20T06:15:00.000Z',
  tenant: { regionId: 'region-91', schoolId: SCHOOL },
  actor: { userId: `user-${role}`, role, onBehalfOf: null },
  correlationId: 'corr-1',
  causationId: null,
  traceparent: null,
  data,
});
const grant = (role: 'head' | 'deputy_head' | 'teacher' | 'regional_operator') =>
  role === 'regional_operator'
    ? [{ role, scope: { kind: 'region' as const, id: 'region-91' } }]
    : [{ role, scope: { kind: 'school' as const, id: SCHOOL } }];
const NAMES = new Map([
  ['pupil-1', 'Ёлкина Анна Сергеевна'],
  ['pupil-2', 'Абрамов Пётр'],
  ['teacher-1', 'Петрова Ольга Николаевна'],
]);

describe('archive: year-end documents, produced once and signed', () => {
  let stores: ArchiveStores;
  let archive: ArchiveTestApp;
  let source: IntegrityFixture;
  let publisher: Publisher;
  let pki: string;
  const asked: string[][] = [];

  const publishAll = async () => {
    const page = await source.store.readAll(START, { limit: 100 });
    const topic = stores.environment['JOURNAL_EVENTS_TOPIC'] as string;
    await publisher.publish(
      topic,
      page.entries.map((entry) => toOutboundMessage(entry.event, context.active())),
    );
  };
  const call = async (
    method: 'GET' | 'POST',
    url: string,
    role: Parameters<typeof grant>[0],
    json?: object,
  ) => {
    const authorization = `Bearer ${await archive.token(grant(role))}`;
    const answer = await archive.app.inject({
      method,
      url,
      headers: { authorization },
      ...(json && { payload: json }),
    });
    return answer;
  };
  const untilDocument = async (recordId: string) => {
    // A bound, not a pause: a consumer of a topic created a moment ago retries its metadata
    // with kafkajs' backoff (up to 30 s) before its first fetch on a busy machine.
    for (const deadline = Date.now() + 90_000; ;) {
      const answer = await call('GET', `/records/${recordId}/document`, 'regional_operator');
      if (answer.statusCode === 200) return answer.json();
      if (Date.now() > deadline) {
        const jobs = await sql(
          'SELECT record_id, status, attempts, last_error FROM archive.document_jobs',
        );
        throw new Error(`${recordId}: ${answer.body} jobs: ${JSON.stringify(jobs)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const sql = async (text: string, values: unknown[] = []) => {
    const client = new Client({ connectionString: stores.environment['DATABASE_URL'] });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const opensslVerifies = async (pdf: Buffer, p7s: Buffer) => {
    await writeFile(path.join(pki, 'doc.pdf'), pdf);
    await writeFile(path.join(pki, 'doc.p7s'), p7s);
    const args = [
      'cms',
      '-verify',
      '-binary',
      '-content',
      path.join(pki, 'doc.pdf'),
      '-inform',
      'DER',
    ];
    args.push(
      '-in',
      path.join(pki, 'doc.p7s'),
      '-CAfile',
      path.join(pki, 'ca.pem'),
      '-out',
      '/dev/null',
    );
    return run('openssl', args).then(
      () => true,
      () => false,
    );
  };

  beforeAll(async () => {
    pki = await mkdtemp(path.join(tmpdir(), 'archive-documents-pki-test-'));
    await run('bash', [PKI_SCRIPT, pki]);
    stores = await archiveStores('archive documents', testing);
    source = await integrityFixture(await createTestDatabase('archive documents source'));
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
    const people = {
      names: async (ids: readonly string[]) => {
        asked.push([...ids]);
        return new Map([...NAMES].filter(([id]) => ids.includes(id)));
      },
    };
    archive = await archiveTestApp(
      {
        ...stores.environment,
        CONSUMERS_ENABLED: 'true',
        DOCUMENTS_POLL_MS: '50',
        SIGNING_KEYS_DIR: pki,
        SIGNING_TRUST_ANCHORS: path.join(pki, 'ca.pem'),
      },
      { documents: { people } },
    );
    await source.store.append(JOURNAL, 'noStream', [
      event('JournalOpened', {
        journalId: 'j-7b-math',
        schoolId: SCHOOL,
        academicYear: '2026/2027',
        groupId: 'class-7b',
        kind: 'lesson',
        subjectId: 'subject-math',
        scale: 'five_point',
      }),
      event('TeacherAssigned', { teacherId: 'teacher-1', fromDate: '2026-09-01' }, 'deputy_head'),
      event('LessonHeld', {
        lessonId: 'l1',
        date: '2026-09-01',
        slot: 1,
        topic: 'Обыкновенные дроби',
        homework: { text: 'Задачи 1–4', dueDate: '2026-09-03' },
      }),
      event('MarkRecorded', { markId: 'm1', lessonId: 'l1', pupilId: 'pupil-1', value: '5' }),
      event('AttendanceRecorded', { lessonId: 'l1', pupilId: 'pupil-2', status: 'sick' }),
    ]);
    await source.store.append(SHEET, 'noStream', [
      event('SummaryMarkSet', {
        pupilId: 'pupil-1',
        subjectId: 'subject-math',
        kind: 'year',
        period: null,
        value: '5',
        journalId: 'j-7b-math',
        policyVersion: 1,
      }),
      event(
        'CouncilDecisionRecorded',
        {
          decisionId: 'd1',
          pupilId: 'pupil-1',
          decision: 'promoted',
          decidedOn: '2027-05-28',
          orderRef: '112-о',
        },
        'head',
      ),
    ]);
    await source.store.append(JOURNAL, 5, [
      event('JournalSealed', { academicYear: '2026/2027' }, 'head'),
    ]);
    // readAll shows only what is below the cluster's snapshot horizon: a transaction of a test
    // running beside this one can hold the seal back (CI once published 7 of the 8 events).
    await untilReadable(source, 8);
    await publishAll();
  });

  afterAll(async () => {
    await archive?.close();
    await publisher?.close();
    await source?.drop();
    await stores?.drop();
    await rm(pki, { recursive: true, force: true });
  });

  it('prints the sealed journal and, its year closed, the class’s summary sheet, with names from the directory', async () => {
    const journal = await untilDocument(JOURNAL);
    const sheet = await untilDocument(SHEET);
    expect(journal).toMatchObject({
      sourceVersion: 6,
      contentType: 'application/pdf',
      signatureRef: null,
    });
    expect(sheet).toMatchObject({ sourceVersion: 2 });

    const pdf = await call('GET', `/records/${JOURNAL}/document/pdf`, 'head');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    await writeFile(path.join(pki, 'journal.pdf'), pdf.rawPayload);
    const text = (await run('pdftotext', ['-layout', path.join(pki, 'journal.pdf'), '-'])).stdout;
    expect(text).toContain('Обыкновенные дроби');
    expect(text).toContain('Ёлкина Анна Сергеевна');
    expect(text).toContain('Петрова Ольга Николаевна');
    const sheetPdf = await call('GET', `/records/${SHEET}/document/pdf`, 'head');
    await writeFile(path.join(pki, 'sheet.pdf'), sheetPdf.rawPayload);
    const sheetText = (await run('pdftotext', ['-layout', path.join(pki, 'sheet.pdf'), '-']))
      .stdout;
    expect(sheetText).toContain('Сводная ведомость');
    expect(sheetText).toContain('переведён(а) в следующий класс');
    expect(sheetText).toMatch(/Абрамов Пётр\s+1\s+1/); // one lesson missed, excused (sick)
    expect(asked.flat()).toEqual(expect.arrayContaining(['pupil-1', 'pupil-2', 'teacher-1']));
  });

  it('never produces a version twice: a replay and a job run again after a “crash” leave one document', async () => {
    const before = (await untilDocument(JOURNAL)).ref;
    await publishAll();
    await sql(
      `UPDATE archive.document_jobs SET status = 'pending', leased_until = NULL WHERE record_id = $1`,
      [JOURNAL],
    );
    for (const deadline = Date.now() + 20_000; ;) {
      const [job] = await sql(`SELECT status FROM archive.document_jobs WHERE record_id = $1`, [
        JOURNAL,
      ]);
      if (job.status === 'done') break;
      if (Date.now() > deadline) throw new Error('the job never ran again');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const jobs = await sql(
      `SELECT source_version FROM archive.document_jobs WHERE record_id = $1`,
      [JOURNAL],
    );
    const produced = await sql(
      `SELECT count(*)::int AS n FROM event_store.events WHERE stream_id = $1 AND type = 'DocumentProduced'`,
      [`document-${JOURNAL}`],
    );
    expect(jobs).toEqual([{ source_version: 6 }]);
    expect(produced).toEqual([{ n: 1 }]);
    expect((await untilDocument(JOURNAL)).ref).toBe(before);
  });

  it('is signed by the head and countersigned; openssl verifies, a tampered PDF fails', async () => {
    expect(
      (await call('POST', `/records/${JOURNAL}/document/signatures`, 'teacher', {})).json(),
    ).toMatchObject({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
    expect(
      (await call('POST', `/records/${JOURNAL}/document/signatures`, 'deputy_head', {})).json(),
    ).toMatchObject({ code: 'ARCHIVE.HEAD_SIGNS_FIRST' });
    expect(
      (
        await call('POST', `/records/${JOURNAL}/document/signatures`, 'head', {
          countersign: 'yes',
        })
      ).json(),
    ).toMatchObject({ status: 400, code: 'ARCHIVE.INVALID_REQUEST' });

    const signed = await call('POST', `/records/${JOURNAL}/document/signatures`, 'head', {});
    expect(signed.statusCode).toBe(201);
    expect(
      (await call('POST', `/records/${JOURNAL}/document/signatures`, 'head', {})).json(),
    ).toMatchObject({ status: 409, code: 'ARCHIVE.DOCUMENT_ALREADY_SIGNED' });
    const counter = await call('POST', `/records/${JOURNAL}/document/signatures`, 'deputy_head', {
      countersign: true,
    });
    expect(counter.statusCode).toBe(201);
    expect(counter.json()).toMatchObject({
      role: 'deputy_head',
      countersigns: signed.json().signatureRef,
    });

    const pdf = (await call('GET', `/records/${JOURNAL}/document/pdf`, 'head')).rawPayload;
    const p7s = (await call('GET', `/records/${JOURNAL}/document/signature`, 'head')).rawPayload;
    expect(await opensslVerifies(pdf, p7s)).toBe(true);
    const tampered = Buffer.from(pdf);
    const last = tampered.length - 10;
    tampered.writeUInt8(tampered.readUInt8(last) ^ 0x01, last);
    expect(await opensslVerifies(tampered, p7s)).toBe(false);

    const verdict = (
      await call('GET', `/records/${JOURNAL}/document/verification`, 'regional_operator')
    ).json();
    expect(verdict).toMatchObject({
      valid: true,
      stored: { ok: true },
      signers: [{ valid: true, countersignatures: [{ valid: true }] }],
    });
    const record = (await call('GET', `/records/${JOURNAL}`, 'regional_operator')).json();
    expect(record.signatures).toEqual([
      expect.objectContaining({ role: 'head', countersigns: null }),
      expect.objectContaining({ role: 'deputy_head', countersigns: signed.json().signatureRef }),
    ]);
    expect(record.document.signatureRef).toBe(counter.json().signatureRef);
  });

  it('forgets a disposed record’s content, leaving the other records’ alone', async () => {
    const sources = archive.app.get(DocumentSources);
    expect(await sources.forget(JOURNAL, 'archive disposal act spec')).toBe(6);
    expect(await sources.stream(JOURNAL, 6)).toEqual([]);
    expect(await sources.stream(SHEET, 2)).toHaveLength(2);
    // The topic replayed (a new consumer group, a rebuild) brings none of it back.
    for (const recorded of await source.store.readStream(JOURNAL)) await sources.apply(recorded);
    expect(await sources.stream(JOURNAL, 6)).toEqual([]);
    expect(await sources.forget(JOURNAL, 'archive disposal act spec')).toBe(0);
  });
});
