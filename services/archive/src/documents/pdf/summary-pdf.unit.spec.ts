import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { foldJournal } from '../content/journal-content';
import type { SourceEvent } from '../content/source-event';
import { foldSummary } from '../content/summary-content';
import { renderSummary } from './summary-pdf';

const run = promisify(execFile);
const PLACE = { identifier: 'ejournal:region-91:summary-school-17-2026-7a', version: 0 };
const SUBJECTS = Array.from({ length: 15 }, (_, s) => `предмет-${s + 1}`);

function sheetEvents(pupils: number): SourceEvent[] {
  const events: Omit<SourceEvent, 'streamVersion'>[] = [];
  const add = (type: string, data: Record<string, unknown>) =>
    events.push({ streamId: 'summary-x', type, data, recordedAt: '2027-05-30T10:00:00.000Z' });
  for (let p = 0; p < pupils; p += 1) {
    for (const subjectId of SUBJECTS) {
      add('SummaryMarkSet', {
        pupilId: `P-${p}`,
        subjectId,
        kind: 'period',
        period: 1,
        value: '4',
      });
      add('SummaryMarkSet', {
        pupilId: `P-${p}`,
        subjectId,
        kind: 'year',
        period: null,
        value: '5',
      });
    }
    add('CouncilDecisionRecorded', {
      decisionId: `d${p}`,
      pupilId: `P-${p}`,
      decision: p === 0 ? 'retained' : 'promoted',
      decidedOn: '2027-05-28',
      orderRef: '112-о',
    });
  }
  add('SummaryMarkCorrected', {
    pupilId: 'P-0',
    subjectId: SUBJECTS[0],
    kind: 'year',
    period: null,
    from: '5',
    to: '3',
    reason: 'ошибка',
    authorisedBy: 'h',
    orderRef: '7',
    policyVersion: 1,
  });
  return events.map((event, index) => ({ ...event, streamVersion: index + 1 }));
}

const absences = foldJournal([
  {
    streamId: 'journal-j',
    streamVersion: 1,
    type: 'LessonHeld',
    recordedAt: '',
    data: { lessonId: 'l1', date: '2026-09-01', slot: 1, topic: 't', homework: null },
  },
  {
    streamId: 'journal-j',
    streamVersion: 2,
    type: 'AttendanceRecorded',
    recordedAt: '',
    data: { lessonId: 'l1', pupilId: 'P-1', status: 'sick' },
  },
]);

describe('a class’s summary grade sheet PDF', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'archive-sheet-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('spreads 15 subjects over pages with the pupils repeated, then absences and decisions', async () => {
    const sheet = foldSummary(
      { schoolId: 'school-17', startYear: 2026, classId: '7a' },
      sheetEvents(3),
      [absences],
    );
    const names = new Map([
      ['P-0', 'Ёлкина Анна'],
      ['P-1', 'Жуков Олег'],
      ['P-2', 'Абрамова Вера'],
    ]);
    const file = path.join(dir, 'sheet.pdf');
    await writeFile(
      file,
      await renderSummary(
        sheet,
        names,
        { ...PLACE, version: sheet.version },
        new Date('2027-05-30T10:00:00Z'),
      ),
    );
    const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;

    expect(text).toContain('Сводная ведомость учёта успеваемости');
    // Six subjects a page with period, year, exam and final: three pages of marks.
    expect(text.match(/Отметки по предметам/g)).toHaveLength(3);
    expect(text.match(/Ёлкина Анна/g)?.length).toBe(4);
    for (const subject of ['предмет-1', 'предмет-7', 'предмет-15']) expect(text).toContain(subject);
    expect(text).toMatch(/Ёлкина Анна\s+4\s+3/); // period 1, then the corrected year mark
    expect(text).toContain('оставлен(а) на повторное обучение (28.05.2027, 112-о)');
    expect(text).toMatch(/Жуков Олег\s+1\s+1/); // one lesson missed, excused (sick)
  });
});
