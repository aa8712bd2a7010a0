import type { NewEvent } from '@ejournal/contracts';
import type { CellHistoryState, ColumnState, JournalState } from '../documents/journal-documents';
import { JournalEvents, recorded } from '../testing/journal-events';
import { foldJournal } from './fold-journal';

const journal = new JournalEvents('bio-7b');

describe('foldJournal', () => {
  const mark = journal.markRecorded('mark-1', 'lesson-1', 'pupil-1', '3');
  const events = recorded(journal.streamId, [
    journal.opened(),
    journal.lessonHeld('lesson-1', '2026-09-03', 1, 'Cells'),
    journal.lessonHeld('lesson-2', '2026-09-04', 1, 'Tissues'),
    mark,
    journal.attendanceRecorded('lesson-2', 'pupil-2', 'sick'),
    journal.markCorrected('mark-1', mark, '3', '4', { reason: 'misread' }),
    journal.teacherAssigned('teacher-1', '2026-09-01'),
  ]);

  it('builds every document of the stream, each with the last version that touched it', () => {
    const { documents, version } = foldJournal(journal.streamId, events);
    expect(version).toBe(7);
    const versions = (collection: Parameters<typeof documents.all>[0]) =>
      documents.all(collection).map(({ doc, version: last }) => [doc._id, last]);
    expect(versions('journals')).toEqual([['bio-7b', 7]]);
    expect(versions('grid_columns')).toEqual([
      ['bio-7b|lesson-1', 6],
      ['bio-7b|lesson-2', 5],
    ]);
    expect(versions('cell_history')).toEqual([
      ['bio-7b|lesson-1', 6],
      ['bio-7b|lesson-2', 5],
    ]);
    expect(versions('mark_cells')).toEqual([['bio-7b|mark-1', 4]]);
    expect(versions('teacher_journals')).toEqual([['teacher-1', 7]]);
    const column = documents.get<ColumnState>('grid_columns', 'bio-7b|lesson-1');
    expect(column?.cells).toEqual([
      {
        pupilId: 'pupil-1',
        marks: [{ markId: 'mark-1', value: '4', workType: 'classwork', weight: 1, revoked: false }],
        attendance: null,
        revision: 6,
      },
    ]);
    const history = documents.get<CellHistoryState>('cell_history', 'bio-7b|lesson-1');
    expect(history?.entries.map((entry) => [entry.pupilId, entry.type, entry.value])).toEqual([
      ['pupil-1', 'MarkRecorded', '3'],
      ['pupil-1', 'MarkCorrected', '4'],
    ]);
  });

  it('stops where the events stop: the record as it stood', () => {
    const { documents } = foldJournal(journal.streamId, events.slice(0, 4));
    const column = documents.get<ColumnState>('grid_columns', 'bio-7b|lesson-1');
    expect(column?.cells[0]?.marks[0]?.value).toBe('3');
    expect(documents.get<JournalState>('journals', 'bio-7b')?.teachers).toEqual([]);
  });

  it('leaves out the collections it is told to skip, and applies an event once', () => {
    const { documents } = foldJournal(journal.streamId, [...events, ...events], ['cell_history']);
    expect(documents.all('cell_history')).toEqual([]);
    expect(documents.get<JournalState>('journals', 'bio-7b')?.lessonCount).toBe(2);
  });

  // Its speed is the rebuild's figure in `npm run bench -- journal`, not a unit test's clock.
  it('folds a year of a journal (170 lessons, 30 pupils, ~5,000 events) into its columns', () => {
    const year: NewEvent[] = [journal.opened()];
    for (let lesson = 0; lesson < 170; lesson += 1) {
      year.push(journal.lessonHeld(`lesson-${lesson}`, '2026-09-03', 1, 'Topic'));
      for (let pupil = 0; pupil < 30; pupil += 1) {
        year.push(
          journal.markRecorded(`m-${lesson}-${pupil}`, `lesson-${lesson}`, `pupil-${pupil}`, '4'),
        );
      }
    }
    const stream = recorded(journal.streamId, year);
    const { documents, version } = foldJournal(journal.streamId, stream, ['cell_history']);
    expect(version).toBe(5_271);
    expect(documents.all('grid_columns')).toHaveLength(170);
    expect(documents.get<JournalState>('journals', 'bio-7b')?.lessonCount).toBe(170);
  });
});
