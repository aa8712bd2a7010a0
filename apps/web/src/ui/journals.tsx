import { myJournals } from '../api/journal';
import { call } from '../api/http';
import { KIND_NAMES, subjectName } from './labels';
import { useAsync } from './use-async';

interface SchoolClass {
  classId: string;
  label: string;
}

/** The caller's journals of every activity kind, newest year first. */
export function Journals() {
  const journals = useAsync(async () => {
    const list = await myJournals();
    const labels = new Map<string, string>();
    for (const school of new Set(list.map((j) => j.schoolId))) {
      const answer = await call<{ classes: SchoolClass[] }>(
        'identity',
        'GET',
        `/schools/${encodeURIComponent(school)}/classes`,
      ).catch(() => ({ classes: [] as SchoolClass[] }));
      for (const each of answer.classes) labels.set(each.classId, each.label);
    }
    return { list, labels };
  }, []);
  return (
    <section aria-labelledby="journals-title">
      <h1 id="journals-title">Мои журналы</h1>
      {journals.loading && <p aria-live="polite">Загрузка…</p>}
      {journals.error && (
        <p role="alert" class="error">
          {journals.error}
        </p>
      )}
      {journals.value && journals.value.list.length === 0 && (
        <p>Вам пока не назначено ни одного журнала.</p>
      )}
      {journals.value && journals.value.list.length > 0 && (
        <ul class="cards">
          {journals.value.list.map((journal) => (
            <li key={journal.journalId}>
              <a href={`#/journal/${encodeURIComponent(journal.journalId)}`}>
                <strong>{subjectName(journal.subjectId, journal.kind)}</strong>
                <span>
                  {journals.value?.labels.get(journal.groupId) ?? 'группа'} ·{' '}
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
    </section>
  );
}
