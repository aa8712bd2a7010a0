import { useState } from 'preact/hooks';
import { call } from '../api/http';
import { closePeriod } from '../api/journal';
import { ProblemError } from '../api/problems';
import type { Grant } from '../api/session';
import { Deadlines } from './deadlines';
import { messageOf } from './use-async';

interface ImportReport {
  rows: number;
  academicYear: string;
  applied?: boolean;
  changes?: { newKeys: number; events: number; streams: number };
  warnings?: { line: number; key?: string; message: string }[];
  errors?: { line: number; key?: string; column?: string; code: string; message: string }[];
}

const MANAGERS = ['school_admin', 'head', 'deputy_head'];
const IMPORTERS = ['school_admin', 'head'];

/** Roster import (CSV) with the dry-run report first, as the school's managers do it. */
function RosterImport({ schools }: { schools: string[] }) {
  const [schoolId, setSchoolId] = useState(schools[0] ?? '');
  const [year, setYear] = useState(() => {
    const now = new Date();
    const first = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
    return `${first}/${first + 1}`;
  });
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return setError('Выберите файл CSV.');
    setError(null);
    try {
      const query = new URLSearchParams({
        academicYear: year,
        ...(dryRun ? { dryRun: 'true' } : {}),
      });
      setReport(
        await call<ImportReport>(
          'identity',
          'POST',
          `/schools/${encodeURIComponent(schoolId)}/roster-imports?${query}`,
          {
            body: await file.arrayBuffer(),
            contentType: 'text/csv',
            idempotencyKey: crypto.randomUUID(),
          },
        ),
      );
    } catch (problem) {
      setError(messageOf(problem));
      if (problem instanceof ProblemError && Array.isArray(problem.problem['errors']))
        setReport(problem.problem as unknown as ImportReport);
    }
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Загрузка списков (CSV)</h2>
      <form onSubmit={(e) => (e.preventDefault(), void send(true))}>
        <label>
          Школа
          <select
            value={schoolId}
            onChange={(e) => setSchoolId((e.target as HTMLSelectElement).value)}
          >
            {schools.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Учебный год
          <input
            value={year}
            pattern="\d{4}/\d{4}"
            onInput={(e) => setYear((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Файл (UTF-8 или Windows-1251, разделитель «;»)
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
          />
        </label>
        <div class="actions">
          <button type="submit">Проверить без записи</button>
          <button
            type="button"
            disabled={!report || Boolean(report.errors?.length)}
            onClick={() => void send(false)}
          >
            Загрузить
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {report && (
        <div role="status" class="report">
          <p>
            Строк: {report.rows}. {report.applied ? 'Загружено.' : 'Проверка без записи.'}{' '}
            {report.changes
              ? `Новых записей: ${report.changes.newKeys}, изменений: ${report.changes.events}.`
              : ''}
          </p>
          {(report.errors ?? []).length > 0 && (
            <table>
              <caption>Ошибки в файле</caption>
              <thead>
                <tr>
                  <th scope="col">Строка</th>
                  <th scope="col">Ключ</th>
                  <th scope="col">Столбец</th>
                  <th scope="col">Ошибка</th>
                </tr>
              </thead>
              <tbody>
                {(report.errors ?? []).map((row) => (
                  <tr>
                    <td>{row.line}</td>
                    <td>{row.key ?? ''}</td>
                    <td>{row.column ?? ''}</td>
                    <td>{row.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(report.warnings ?? []).map((w) => (
            <p>
              Строка {w.line}: {w.message}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}

/** Period closing for a journal; authorised corrections are made in its grid (Enter on a cell). */
function PeriodClosing() {
  const [journalId, setJournalId] = useState('');
  const [period, setPeriod] = useState('1');
  const [result, setResult] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await closePeriod(journalId.trim(), Number(period));
      setResult(`Период ${period} закрыт.`);
    } catch (problem) {
      setResult(messageOf(problem));
    }
  };
  return (
    <section aria-labelledby="periods-title">
      <h2 id="periods-title">Журнал: закрытие периода и исправления</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Журнал (идентификатор)
          <input
            value={journalId}
            required
            onInput={(e) => setJournalId((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Период
          <input
            type="number"
            min={1}
            max={4}
            value={period}
            onInput={(e) => setPeriod((e.target as HTMLInputElement).value)}
          />
        </label>
        <div class="actions">
          <button type="submit">Закрыть период</button>
          <a
            class="button"
            href={journalId ? `#/journal/${encodeURIComponent(journalId.trim())}` : '#/admin'}
          >
            Открыть журнал для исправлений
          </a>
        </div>
      </form>
      {result && <p role="status">{result}</p>}
    </section>
  );
}

/** Head, deputy head and school administrator: period closing, corrections, roster import. */
export function Admin({ grants }: { grants: Grant[] }) {
  const schoolsWhere = (roles: string[]) => [
    ...new Set(
      grants
        .filter((g) => roles.includes(g.role) && g.scope.kind === 'school')
        .map((g) => g.scope.id),
    ),
  ];
  // Identity lets the head and the school administrator import; the deputy head reads.
  const importing = schoolsWhere(IMPORTERS);
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Управление школой</h1>
      <PeriodClosing />
      {importing.length > 0 && <RosterImport schools={importing} />}
      {schoolsWhere(MANAGERS).map((schoolId) => (
        <Deadlines key={schoolId} schoolId={schoolId} />
      ))}
    </section>
  );
}
