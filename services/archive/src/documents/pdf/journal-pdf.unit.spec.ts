import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { foldJournal } from '../content/journal-content';
import type { SourceEvent } from '../content/source-event';
import { renderJournal } from './journal-pdf';

const run = promisify(execFile);
const PLACE = { identifier: 'ejournal:region-91:journal-j1', version: 0 };

/** A year of a lesson journal: `lessons` lessons, `pupils` pupils with a mark in each. */
export function journalEvents(kind: string, lessons: number, pupils: number): SourceEvent[] {
  const events: Omit<SourceEvent, 'streamVersion'>[] = [];
  const add = (type: string, data: Record<string, unknown>) =>
    events.push({ streamId: 'journal-j1', type, data, recordedAt: '2027-05-30T10:00:00.000Z' });
  add('JournalOpened', {
    journalId: 'j1',
    schoolId: 'school-17',
    academicYear: '2026/2027',
    groupId: 'C-7A',
    kind,
    subjectId: kind === 'lesson' ? 'algebra' : null,
    scale: 'five_point',
  });
  add('TeacherAssigned', { teacherId: 'T-1', fromDate: '2026-09-01' });
  for (let l = 0; l < lessons; l += 1) {
    const date = new Date(Date.UTC(2026, 8, 1 + l)).toISOString().slice(0, 10);
    add('LessonHeld', {
      lessonId: `L${l}`,
      date,
      slot: 2,
      topic: `Тема ${l}: действия с обыкновенными дробями и их свойства`,
      homework: { text: `§ ${l}, упражнения 1–5`, dueDate: date },
    });
    for (let p = 0; p < pupils; p += 1)
      add('MarkRecorded', {
        markId: `M${l}-${p}`,
        lessonId: `L${l}`,
        pupilId: `P-${p}`,
        value: String(2 + ((l + p) % 4)),
      });
  }
  add('MarkCorrected', {
    markId: 'M0-0',
    value: '5',
    correctsEventId: 'x',
    from: '2',
    reason: 'ошибка',
    authorisedBy: null,
    orderRef: null,
    policyVersion: 1,
  });
  add('MarkRecorded', { markId: 'M0-0b', lessonId: 'L0', pupilId: 'P-0', value: '4' });
  add('AttendanceRecorded', { lessonId: 'L1', pupilId: 'P-1', status: 'sick' });
  add('JournalSealed', { academicYear: '2026/2027' });
  return events.map((event, index) => ({ ...event, streamVersion: index + 1 }));
}

const names = new Map<string, string>(
  Array.from(
    { length: 60 },
    (_, p) => [`P-${p}`, `Ёлкина-${String(p).padStart(2, '0')} Анна`] as const,
  ),
).set('T-1', 'Петрова Ольга Николаевна');

describe('a journal’s year-end PDF', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'archive-pdf-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function read(bytes: Uint8Array) {
    const file = path.join(dir, `doc-${Math.random()}.pdf`);
    await writeFile(file, bytes);
    const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
    const info = (await run('pdfinfo', [file])).stdout;
    const fonts = (await run('pdffonts', [file])).stdout;
    const meta = (await run('pdfinfo', ['-meta', file])).stdout;
    return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), fonts, meta };
  }

  it('shows Cyrillic names, topics and homework, marks and absences, page numbers', async () => {
    const journal = foldJournal(journalEvents('lesson', 3, 4));
    const pdf = await read(
      await renderJournal(journal, names, { ...PLACE, version: journal.version }),
    );

    expect(pdf.text).toContain('Классный журнал на 2026/2027 учебный год');
    expect(pdf.text).toContain('Петрова Ольга Николаевна');
    expect(pdf.text).toContain('Ёлкина-00 Анна');
    expect(pdf.text).toContain('Тема 1: действия с обыкновенными');
    expect(pdf.text).toContain('§ 2, упражнения 1–5');
    expect(pdf.text).toMatch(/5\/4/); // the corrected mark, then the second one in the cell
    expect(pdf.text).toMatch(/б ?4/); // sick, with the mark of the same lesson
    expect(pdf.text).toContain(`Страница ${pdf.pages} из ${pdf.pages}`);
  });

  it('continues the grid across pages with its header repeated, and the topics likewise', async () => {
    const journal = foldJournal(journalEvents('lesson', 70, 45));
    const pdf = await read(
      await renderJournal(journal, names, { ...PLACE, version: journal.version }),
    );
    const pages = pdf.text.split('\f').filter((page) => page.trim());

    expect(pages.length).toBe(pdf.pages);
    // 70 dates at 25 a page: three grids, each longer than a page with 45 pupils; every page
    // of a grid has its header row.
    const gridPages = pages.filter((page) => page.includes('Ёлкина-'));
    expect(pdf.text.match(/Ёлкина-44/g)).toHaveLength(3);
    expect(gridPages.length).toBeGreaterThanOrEqual(4);
    for (const page of gridPages) expect(page).toContain('Фамилия');
    // Each grid's header twice: where it starts and on the page it continues on.
    expect(pdf.text.match(/Фамилия/g)?.length).toBeGreaterThanOrEqual(6);
    const topicPages = pages.filter((page) => page.includes('Тема 6:'));
    expect(pages.filter((page) => page.includes('Домашнее задание')).length).toBeGreaterThan(1);
    expect(topicPages.length).toBe(1);
    expect(pages.at(-1)).toContain('Тема 69');
  });

  it('embeds subset fonts and says PDF/A-2b in its XMP metadata, the same bytes every time', async () => {
    const journal = foldJournal(journalEvents('lesson', 2, 2));
    const bytes = await renderJournal(journal, names, { ...PLACE, version: journal.version });
    const pdf = await read(bytes);

    expect(pdf.fonts).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(pdf.meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(pdf.meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(
      Buffer.from(await renderJournal(journal, names, { ...PLACE, version: journal.version })),
    ).toEqual(Buffer.from(bytes));
  });

  it('prints a club journal in its own form: sessions and absences, no homework', async () => {
    const journal = foldJournal(journalEvents('club', 3, 3));
    const pdf = await read(
      await renderJournal(journal, names, { ...PLACE, version: journal.version }),
    );

    expect(pdf.text).toContain('Журнал кружка');
    expect(pdf.text).toContain('Содержание занятия');
    expect(pdf.text).not.toContain('Домашнее задание');
  });
});
