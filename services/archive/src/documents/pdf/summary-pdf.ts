import type { SummaryCell, SummaryContent } from '../content/summary-content';
import { DECISIONS, longDate, markLabel, nameOr } from './labels';
import type { RecordPlace } from './journal-pdf';
import { DocumentWriter, type Column, type HeaderCell } from './layout';

const NUMBER = 18;
const NAME = 150;
const MARK = 20;

/**
 * A class's summary grade sheet (сводная ведомость): pupils down; per subject the period,
 * year, exam and final marks across, as many pages wide as the subjects take; then absences
 * and the teachers' council decision per pupil.
 */
export async function renderSummary(
  sheet: SummaryContent,
  names: ReadonlyMap<string, string>,
  place: RecordPlace,
  sealedAt: Date,
): Promise<Uint8Array> {
  const year = `${sheet.startYear}/${sheet.startYear + 1}`;
  const title = 'Сводная ведомость учёта успеваемости';
  const writer = await DocumentWriter.create(
    `${title} · класс ${sheet.classId} · ${year} · ${place.identifier} · версия ${place.version}`,
  );
  writer.heading(`${title} обучающихся класса ${sheet.classId} за ${year} учебный год`, 14);
  writer.fields([
    ['Школа', sheet.schoolId],
    ['Класс', sheet.classId],
    ['Обучающихся', String(sheet.pupilIds.length)],
    ['Запись архива', `${place.identifier}, версия ${place.version}`],
  ]);
  const pupils = [...sheet.pupilIds].sort((a, b) =>
    nameOr(names, a).localeCompare(nameOr(names, b), 'ru'),
  );
  const kinds: { label: string; value: (cell: SummaryCell) => string | null }[] = [
    ...sheet.periods.map((period) => ({
      label: `${period} п.`,
      value: (cell: SummaryCell) => cell.periods[period] ?? null,
    })),
    { label: 'год', value: (cell) => cell.year },
    { label: 'экз.', value: (cell) => cell.exam },
    { label: 'итог', value: (cell) => cell.final },
  ];
  const perPage = Math.max(
    1,
    Math.floor((writer.contentWidth - NUMBER - NAME) / (kinds.length * MARK)),
  );
  for (let first = 0; first < sheet.subjectIds.length; first += perPage) {
    const subjects = sheet.subjectIds.slice(first, first + perPage);
    writer.heading('Отметки по предметам', 10);
    writer.table({
      columns: [
        { width: NUMBER, align: 'center' },
        { width: NAME },
        ...subjects.flatMap(() => kinds.map((): Column => ({ width: MARK, align: 'center' }))),
      ],
      header: [
        [
          { text: '№' },
          { text: 'Фамилия, имя' },
          ...subjects.map((s): HeaderCell => ({ text: s, span: kinds.length })),
        ],
        [
          { text: '' },
          { text: '' },
          ...subjects.flatMap(() => kinds.map((k) => ({ text: k.label }))),
        ],
      ],
      rows: pupils.map((pupil, index) => [
        String(index + 1),
        nameOr(names, pupil),
        ...subjects.flatMap((subject) => {
          const cell = sheet.cells.get(pupil)?.get(subject);
          return kinds.map((kind) => {
            const value = cell ? kind.value(cell) : null;
            return value ? markLabel(value) : '';
          });
        }),
      ]),
      fontSize: 6.5,
      maxLines: 2,
    });
  }
  writer.heading('Пропуски и решения педагогического совета', 10);
  writer.table({
    columns: [
      { width: NUMBER, align: 'center' },
      { width: NAME },
      { width: 70, align: 'center' },
      { width: 80, align: 'center' },
      { width: writer.contentWidth - NUMBER - NAME - 150 },
    ],
    header: [
      [
        { text: '№' },
        { text: 'Фамилия, имя' },
        { text: 'Пропущено уроков' },
        { text: 'из них по уважительной причине' },
        { text: 'Решение педагогического совета' },
      ],
    ],
    rows: pupils.map((pupil, index) => {
      const absence = sheet.absences.get(pupil);
      const decision = sheet.decisions.get(pupil);
      return [
        String(index + 1),
        nameOr(names, pupil),
        String(absence?.missed ?? 0),
        String(absence?.excused ?? 0),
        decision
          ? `${DECISIONS[decision.decision] ?? decision.decision} (${longDate(decision.decidedOn)}, ${decision.orderRef})`
          : '',
      ];
    }),
    fontSize: 7,
  });
  return writer.finish({
    title: `${title} ${sheet.classId} ${year}`,
    author: sheet.schoolId,
    subject: place.identifier,
    keywords: [place.identifier, `version ${place.version}`, 'summary_sheet'],
    date: sealedAt,
    identity: `${place.identifier}@${place.version}`,
  });
}
