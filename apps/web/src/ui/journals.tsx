import { useState } from 'preact/hooks';
import { myJournals, schoolJournals, type JournalHeader } from '../api/journal';
import { call } from '../api/http';
import type { Grant } from '../api/session';
import { KIND_NAMES, subjectName } from './labels';
import { useAsync, type Loaded } from './use-async';

interface SchoolClass {
  classId: string;
  label: string;
}

/** Class labels of the schools the journals belong to, from identity (groups otherwise). */
async function withLabels(list: JournalHeader[]) {
  const labels = new Map<string, string>();
  const schools = [...new Set(list.map((j) => j.schoolId))];
  const answers = await Promise.all(
    schools.map((school) =>
      call<{ classes: SchoolClass[] }>(
        'identity',
        'GET',
        `/schools/${encodeURIComponent(school)}/classes`,
      ).catch(() => ({ classes: [] as SchoolClass[] })),
    ),
  );
  for (const answer of answers)
    for (const each of answer.classes) labels.set(each.classId, each.label);
  return { list, labels };
}

function JournalCards(props: {
  loaded: Loaded<{ list: JournalHeader[]; labels: Map<string, string> }>;
  empty: string;
}) {
  const { loaded } = props;
  return (
    <>
      {loaded.loading && <p aria-live="polite">Загрузка…</p>}
      {loaded.error && (
        <p role="alert" class="error">
          {loaded.error}
        </p>
      )}
      {loaded.value && loaded.value.list.length === 0 && <p>{props.empty}</p>}
      {loaded.value && loaded.value.list.length > 0 && (
        <ul class="cards">
          {loaded.value.list.map((journal) => (
            <li key={journal.journalId}>
              <a href={`#/journal/${encodeURIComponent(journal.journalId)}`}>
                <strong>{subjectName(journal.subjectId, journal.kind)}</strong>
                <span>
                  {loaded.value?.labels.get(journal.groupId) ?? 'группа'} ·{' '}
                  {KIND_NAMES[journal.kind] ?? journal.kind} · {journal.academicYear}
                </span>
                <span>
                  Уроков: {journal.lessonCount}
                  {journal.sealed ? ' · закрыт' : ''}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The caller's journals of every activity kind, newest year first. */
export function Journals() {
  const journals = useAsync(async () => withLabels(await myJournals()), []);
  return (
    <section aria-labelledby="journals-title">
      <h1 id="journals-title">Мои журналы</h1>
      <JournalCards loaded={journals} empty="Вам пока не назначено ни одного журнала." />
    </section>
  );
}

export const SCHOOL_JOURNAL_READERS = ['head', 'deputy_head', 'school_admin'];

/**
 * Every journal of a school the caller heads, deputises or administers (the journal's
 * `GET /schools/{id}/journals`), newest year first, class by class; a choice of school when
 * she holds such a grant in several.
 */
export function SchoolJournals({ grants }: { grants: Grant[] }) {
  const schools = [
    ...new Set(
      grants
        .filter((g) => SCHOOL_JOURNAL_READERS.includes(g.role) && g.scope.kind === 'school')
        .map((g) => g.scope.id),
    ),
  ];
  const [schoolId, setSchoolId] = useState(schools[0] ?? '');
  const journals = useAsync(
    async () => withLabels(schoolId ? await schoolJournals(schoolId) : []),
    [schoolId],
  );
  return (
    <section aria-labelledby="school-journals-title">
      <h1 id="school-journals-title">Журналы школы</h1>
      {schools.length > 1 && (
        <label>
          Школа{' '}
          <select
            value={schoolId}
            onChange={(e) => setSchoolId((e.target as HTMLSelectElement).value)}
          >
            {schools.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      <JournalCards loaded={journals} empty="В школе пока не открыто ни одного журнала." />
    </section>
  );
}
