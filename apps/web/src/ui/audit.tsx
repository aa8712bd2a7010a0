import { useState } from 'preact/hooks';
import { call } from '../api/http';
import {
  cellHistory,
  grid as liveGrid,
  gridAsOf,
  type Grid,
  type HistoryEntry,
} from '../api/journal';
import { namesOf } from '../api/people';
import { GridTable } from './grid/grid-table';
import { lessonTitle, rowsOf, russianOrder, type RowView } from './grid/grid-view';
import { HistoryTable } from './grid/history-table';
import { intentOf, moved } from './grid/keys';
import { instantText, subjectName } from './labels';
import { messageOf, useAsync } from './use-async';

interface IntegrityStatus {
  status: 'ok' | 'alarm';
  logs: { logId: string; service: string; treeSize: number; signedAt: string; verdict: string }[];
  problems: { code: string; detail: string; logId: string }[];
}

const VERDICTS: Record<string, string> = {
  first: 'первая контрольная точка',
  consistent: 'согласована с предыдущей',
  failed: 'НЕ ПРОШЛА ПРОВЕРКУ',
};

/** The store's verification status as the archive keeps it (signed checkpoints, proofs). */
function IntegrityPanel() {
  const status = useAsync(() => call<IntegrityStatus>('archive', 'GET', '/integrity/status'), []);
  return (
    <section aria-labelledby="integrity-title" class="integrity">
      <h2 id="integrity-title">Проверка целостности хранилища</h2>
      {status.error && <p role="alert">{status.error}</p>}
      {status.value && (
        <>
          <p class={status.value.status === 'ok' ? 'ok' : 'alarm'} data-testid="integrity">
            {status.value.status === 'ok'
              ? 'Все контрольные точки подписаны и согласованы'
              : 'Тревога: контрольная точка не прошла проверку'}
          </p>
          {status.value.logs.length > 0 && (
            <table>
              <caption class="visually-hidden">Последние контрольные точки</caption>
              <thead>
                <tr>
                  <th scope="col">Хранилище</th>
                  <th scope="col">Событий в журнале</th>
                  <th scope="col">Подписано</th>
                  <th scope="col">Результат</th>
                </tr>
              </thead>
              <tbody>
                {status.value.logs.map((log) => (
                  <tr>
                    <td>{log.service}</td>
                    <td>{log.treeSize}</td>
                    <td>{instantText(log.signedAt)}</td>
                    <td>{VERDICTS[log.verdict] ?? log.verdict}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The auditor's view: any journal as the record stood at a chosen instant (rebuilt from the
 * event store), every cell's full history, and the verification status of the store.
 */
export function Audit({ journalId: initial }: { journalId: string | null }) {
  const [journalId, setJournalId] = useState(initial ?? '');
  const [at, setAt] = useState('');
  const [shown, setShown] = useState<{ grid: Grid; rows: RowView[]; at: string | null } | null>(
    null,
  );
  const [active, setActive] = useState({ row: 0, column: 0 });
  const [history, setHistory] = useState<{
    entries: HistoryEntry[];
    names: Map<string, string>;
    title: string;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = async (event?: Event) => {
    event?.preventDefault();
    setError(null);
    setHistory(null);
    try {
      const instant = at ? new Date(at).toISOString() : null;
      const reading = instant ? gridAsOf(journalId.trim(), instant) : liveGrid(journalId.trim());
      russianOrder(); // while the grid is on the network
      const grid = await reading;
      const names = await namesOf(grid.pupils.map((p) => p.pupilId));
      setShown({ grid, rows: rowsOf(grid, names, null), at: instant });
      setActive({ row: 0, column: 0 });
    } catch (problem) {
      setError(messageOf(problem));
    }
  };

  const open = async (at: { row: number; column: number }) => {
    const lesson = shown?.grid.lessons[at.column];
    const row = shown?.rows[at.row];
    if (!shown || !lesson || !row) return;
    try {
      const { entries } = await cellHistory(
        shown.grid.journal.journalId,
        lesson.lessonId,
        row.pupilId,
      );
      const names = await namesOf(
        entries.flatMap((e) => [e.actorId, ...(e.authorisedBy ? [e.authorisedBy] : [])]),
      );
      setHistory({ entries, names, title: `${row.name}, ${lessonTitle(lesson)}` });
    } catch (problem) {
      setError(messageOf(problem));
    }
  };

  const onKey = (event: KeyboardEvent) => {
    if (!shown) return;
    const intent = intentOf(event, 'none');
    if (!intent) return;
    event.preventDefault();
    if (intent.kind === 'move' || intent.kind === 'edge')
      setActive(
        moved(active, intent, { rows: shown.rows.length, columns: shown.grid.lessons.length }),
      );
    if (intent.kind === 'open') void open(active);
  };

  return (
    <section aria-labelledby="audit-title" class="audit">
      <h1 id="audit-title">Аудит журнала</h1>
      <form class="toolbar" onSubmit={(e) => void show(e)}>
        <label>
          Журнал (идентификатор)
          <input
            value={journalId}
            required
            onInput={(e) => setJournalId((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          По состоянию на (пусто — сейчас)
          <input
            type="datetime-local"
            step={1}
            value={at}
            onInput={(e) => setAt((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">Показать</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {shown && (
        <>
          <h2 data-testid="audit-heading">
            {subjectName(shown.grid.journal.subjectId, shown.grid.journal.kind)}:{' '}
            {shown.at ? `журнал по состоянию на ${instantText(shown.at)}` : 'журнал сейчас'}
          </h2>
          <p class="hint">
            Выберите клетку и нажмите Enter (или щёлкните), чтобы увидеть её историю.
          </p>
          <GridTable
            caption="Журнал для аудита"
            lessons={shown.grid.lessons}
            rows={shown.rows}
            active={active}
            focusActive={false}
            onActivate={(at) => {
              setActive(at);
              void open(at);
            }}
            onKey={onKey}
          />
        </>
      )}
      {history && (
        <section aria-labelledby="history-title" class="panel-inline">
          <h2 id="history-title">История: {history.title}</h2>
          <HistoryTable entries={history.entries} names={history.names} />
        </section>
      )}
      <IntegrityPanel />
    </section>
  );
}
