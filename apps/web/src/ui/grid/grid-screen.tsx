import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { newKey } from '../../api/http';
import {
  entriesPath,
  firstGrid,
  grid as loadGrid,
  revokeMark,
  correctAttendance,
  type Attendance,
  type CommandAnswer,
  type MarkValue,
  type Grid,
  type GridCell,
} from '../../api/journal';
import { outbox } from '../../api/outbox-instance';
import type { OutboxEvent } from '../../api/outbox';
import type { PendingCommand } from '../../api/outbox-store';
import { namesOf } from '../../api/people';
import { russianMessage } from '../../api/problems';
import { afterPaint, mark, metrics } from '../../metrics';
import { ATTENDANCE_LABELS, KIND_NAMES, subjectName } from '../labels';
import { messageOf } from '../use-async';
import { CellPanel } from './cell-panel';
import { GridTable } from './grid-table';
import {
  lessonTitle,
  localAverage,
  rowsOf,
  russianOrder,
  withCell,
  type RowView,
} from './grid-view';
import { intentOf, moved, type Intent } from './keys';
import { LessonPanel } from './lesson-panel';
import { useWorkTypes } from './work-types';

const today = () => new Date().toISOString().slice(0, 10);

/** What the teacher entered last in this tab, for Ctrl+Z. */
interface Entered {
  lessonId: string;
  pupilId: string;
  markId: string | null;
  attendance: boolean;
}

/**
 * A journal's grid for its teachers and the school's managers: the current period, keyboard
 * entry through the offline queue, the cell's history and corrections, the lesson's topic.
 */
export function GridScreen({ journalId }: { journalId: string }) {
  const [grid, setGrid] = useState<Grid | null>(null);
  const [rows, setRows] = useState<RowView[]>([]);
  const [period, setPeriod] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [active, setActiveState] = useState({ row: 0, column: 0 });
  // Keys can come faster than renders: each one reads and moves the cell through this ref.
  const activeRef = useRef(active);
  const setActive = (at: { row: number; column: number }) => {
    activeRef.current = at;
    setActiveState(at);
  };
  const [focusActive, setFocusActive] = useState(false);
  const [panel, setPanel] = useState<'cell' | 'lesson' | 'new-lesson' | null>(null);
  const [workType, setWorkType] = useState('');
  const entered = useRef<Entered[]>([]);
  const started = useRef(new Map<string, number>());
  const renderStart = useRef<{ t0: number; lessons: number; pupils: number } | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const workTypes = useWorkTypes(grid?.journal.schoolId ?? null);
  useEffect(() => {
    const first = [...workTypes.keys()][0];
    if (!workType && first) setWorkType(workTypes.has('classwork') ? 'classwork' : first);
  }, [workTypes]);

  const load = async (wanted: number | null, atLeastVersion?: number) => {
    try {
      // The first read is of the whole year; it names the periods, the current one is shown.
      const reading = grid ? null : firstGrid(journalId);
      russianOrder(); // while the grid is on the network
      const fresh = await reading;
      const first = grid ?? (fresh as Grid);
      const current =
        wanted ??
        first.periods.find((p) => p.startsOn <= today() && today() <= p.endsOn)?.number ??
        null;
      // The period's grid, the pupils' names and the outbox at once (names of the same pupils).
      const [received, , box] = await Promise.all([
        fresh && fresh.period === current
          ? fresh
          : loadGrid(journalId, current ?? undefined, atLeastVersion),
        namesOf(first.pupils.map((p) => p.pupilId)),
        outbox(),
      ]);
      const names = await namesOf(received.pupils.map((p) => p.pupilId));
      const pending = (await box.pending()).filter((c) => c.journalId === journalId);
      renderStart.current = {
        t0: performance.now(),
        lessons: received.lessons.length,
        pupils: received.pupils.length,
      };
      setPeriod(current);
      setGrid(received);
      setRows(overlay(rowsOf(received, names, current), received, pending));
      setError(null);
    } catch (problem) {
      setError(messageOf(problem));
    }
  };

  useEffect(() => {
    void load(null);
  }, [journalId]);

  // A grid just received: measured once laid out (layout forced here) and once painted.
  useLayoutEffect(() => {
    const start = renderStart.current;
    if (!start) return;
    renderStart.current = null;
    void document.querySelector('.grid-scroll')?.scrollHeight;
    const layoutMs = performance.now() - start.t0;
    afterPaint(() => {
      metrics.gridRenders.push({
        lessons: start.lessons,
        pupils: start.pupils,
        ms: layoutMs,
        paintedMs: performance.now() - start.t0,
      });
      mark('grid-painted');
    });
  }, [rows]);

  useEffect(() => {
    let unsubscribe: () => void = () => undefined;
    void outbox().then((box) => {
      unsubscribe = box.subscribe((event) => onOutbox(event));
    });
    return () => unsubscribe();
  }, [journalId, grid]);

  const onOutbox = (event: OutboxEvent) => {
    if (event.kind === 'waiting') {
      setWaiting(event.pending);
      if (event.pending > 0) markWaiting();
      return;
    }
    if (event.command.journalId !== journalId || !grid) return;
    const column = grid.lessons.findIndex((l) => l.lessonId === event.command.lessonId);
    const row = rowsRef.current.findIndex((r) => r.pupilId === event.command.pupilId);
    if (column < 0 || row < 0) return;
    if (event.kind === 'sent') {
      const answer = event.answer as CommandAnswer;
      const revision = answer.cells.find((c) => c.pupilId === event.command.pupilId)?.revision;
      updateRow(
        row,
        column,
        (view) => ({
          cell: applyEntry(view.cell, event.command, revision, workTypes),
          pending: view.pending.filter((p) => p.key !== event.command.key),
          refused: false,
        }),
        true,
      );
      const t0 = started.current.get(event.command.key);
      if (t0 !== undefined) afterPaint(() => metrics.saves.push(performance.now() - t0));
      started.current.delete(event.command.key);
    } else {
      updateRow(row, column, (view) => ({
        ...view,
        pending: view.pending.filter((p) => p.key !== event.command.key),
        refused: true,
      }));
      const name = rowsRef.current[row]?.name ?? '';
      setNotice(`${name}, ${event.command.label}: ${russianMessage(event.problem)}`);
    }
  };

  const markWaiting = () =>
    setRows((current) =>
      current.map((row) =>
        row.cells.some((c) => c.pending.some((p) => p.state === 'sending'))
          ? {
              ...row,
              cells: row.cells.map((c) =>
                c.pending.length
                  ? { ...c, pending: c.pending.map((p) => ({ ...p, state: 'waiting' as const })) }
                  : c,
              ),
            }
          : row,
      ),
    );

  const updateRow = (
    row: number,
    column: number,
    change: Parameters<typeof withCell>[2],
    reaverage = false,
  ) =>
    setRows((current) => {
      const target = current[row];
      if (!target) return current;
      const next = current.slice();
      const changed = withCell(target, column, change);
      next[row] = reaverage ? { ...changed, average: localAverage(changed) } : changed;
      return next;
    });

  const lessons = grid?.lessons ?? [];
  const activeLesson = lessons[active.column];
  const activeRow = rows[active.row];

  const enter = (intent: Intent, t0: number) => {
    const at = activeRef.current;
    const lesson = grid?.lessons[at.column];
    const row = rowsRef.current[at.row];
    if (!grid || !lesson || !row || (intent.kind !== 'mark' && intent.kind !== 'attendance'))
      return;
    const key = newKey();
    const markId = intent.kind === 'mark' ? newKey() : null;
    const entry =
      intent.kind === 'mark'
        ? {
            pupilId: row.pupilId,
            marks: [{ markId, value: intent.value, workType: workType || 'classwork' }],
          }
        : { pupilId: row.pupilId, marks: [], attendance: intent.status };
    const label = intent.kind === 'mark' ? intent.value : (ATTENDANCE_LABELS[intent.status] ?? '');
    const command: PendingCommand = {
      key,
      path: entriesPath(journalId, lesson.lessonId),
      body: { entries: [entry] },
      journalId,
      lessonId: lesson.lessonId,
      pupilId: row.pupilId,
      label,
      createdAt: Date.now(),
    };
    started.current.set(key, t0);
    entered.current.push({
      lessonId: lesson.lessonId,
      pupilId: row.pupilId,
      markId,
      attendance: intent.kind === 'attendance',
    });
    updateRow(at.row, at.column, (view) => ({
      ...view,
      refused: false,
      pending: [...view.pending, { key, label, state: navigator.onLine ? 'sending' : 'waiting' }],
    }));
    void outbox().then((box) => box.submit(command));
  };

  const undo = async () => {
    const last = entered.current.pop();
    if (!last || !grid) return;
    const column = grid.lessons.findIndex((l) => l.lessonId === last.lessonId);
    const row = rows.findIndex((r) => r.pupilId === last.pupilId);
    const cell = rows[row]?.cells[column];
    if (!cell?.cell || cell.pending.length > 0) {
      entered.current.push(last);
      setNotice('Запись ещё не сохранена: отменить можно после сохранения.');
      return;
    }
    const why = {
      reason: 'Отмена ошибочного ввода',
      orderRef: null,
      expectedCellRevision: cell.cell.revision,
    };
    try {
      const answer = last.markId
        ? await revokeMark(journalId, last.markId, why)
        : await correctAttendance(journalId, last.lessonId, last.pupilId, 'present', why);
      setNotice('Последняя запись отменена.');
      await load(period, answer.version);
    } catch (problem) {
      setNotice(messageOf(problem));
    }
  };

  const onKey = (event: KeyboardEvent) => {
    // The key event's own instant (the page's clock): input delay counts in keystroke → saved.
    const t0 = event.timeStamp;
    const intent = intentOf(event, grid?.journal.scale ?? 'five_point');
    if (!intent) return;
    event.preventDefault();
    setFocusActive(true);
    const at = activeRef.current;
    const size = { rows: rowsRef.current.length, columns: lessons.length };
    if (intent.kind === 'move' || intent.kind === 'edge') return setActive(moved(at, intent, size));
    if (intent.kind === 'open') return setPanel('cell');
    if (intent.kind === 'undo') return void undo();
    enter(intent, t0);
    setActive(moved(at, { kind: 'move', rows: 1, columns: 0 }, size));
  };

  const title = useMemo(
    () =>
      grid
        ? `${subjectName(grid.journal.subjectId, grid.journal.kind)} · ${KIND_NAMES[grid.journal.kind] ?? ''}`
        : 'Журнал',
    [grid],
  );
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!grid) return <p aria-live="polite">Загрузка журнала…</p>;
  const closeAndRefresh = (version?: number) => {
    setPanel(null);
    setFocusActive(true);
    if (version !== undefined) void load(period, version);
  };
  return (
    <section aria-labelledby="grid-title" class="grid-screen">
      <h1 id="grid-title">{title}</h1>
      <div class="toolbar">
        <label>
          Период{' '}
          <select
            value={period ?? ''}
            onChange={(e) => void load(Number((e.target as HTMLSelectElement).value) || null)}
          >
            {grid.periods.map((p) => (
              <option value={p.number}>
                {p.number}-й {p.closed ? '(закрыт)' : ''}
              </option>
            ))}
          </select>
        </label>
        {workTypes.size > 0 && (
          <label>
            Вид работы{' '}
            <select
              value={workType}
              onChange={(e) => setWorkType((e.target as HTMLSelectElement).value)}
            >
              {[...workTypes.keys()].map((w) => (
                <option value={w}>{WORK_TYPE_NAMES[w] ?? w}</option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => setPanel('new-lesson')}>
          Новый урок
        </button>
        {activeLesson && (
          <button type="button" onClick={() => setPanel('lesson')}>
            Тема и задание: {lessonTitle(activeLesson)}
          </button>
        )}
        <span class="queue" role="status" data-testid="queue">
          {waiting > 0
            ? `Не отправлено: ${waiting}. Отправим, когда появится связь.`
            : 'Все записи сохранены'}
        </span>
      </div>
      <p class="hint">
        Стрелки — переход, 1–5 — отметка, Н — отсутствие, Б — болезнь, У — уважительная причина, О —
        опоздание, Enter — история и исправление, Ctrl+Z — отменить последнюю запись.
      </p>
      {notice && (
        <p role="alert" class="notice">
          {notice}
        </p>
      )}
      {lessons.length === 0 ? (
        <p>В этом периоде уроков ещё нет. Нажмите «Новый урок».</p>
      ) : (
        <GridTable
          caption={title}
          lessons={lessons}
          rows={rows}
          active={active}
          focusActive={focusActive}
          onActivate={(at) => {
            setActive(at);
            setFocusActive(true);
          }}
          onKey={onKey}
        />
      )}
      {panel === 'cell' && activeLesson && activeRow && (
        <CellPanel
          journalId={journalId}
          lesson={activeLesson}
          pupilId={activeRow.pupilId}
          pupilName={activeRow.name}
          cell={activeRow.cells[active.column]?.cell ?? null}
          onClose={closeAndRefresh}
        />
      )}
      {(panel === 'lesson' || panel === 'new-lesson') && (
        <LessonPanel
          journalId={journalId}
          lesson={panel === 'lesson' ? (activeLesson ?? null) : null}
          onClose={closeAndRefresh}
        />
      )}
    </section>
  );
}

export const WORK_TYPE_NAMES: Record<string, string> = {
  classwork: 'работа на уроке',
  homework: 'домашняя работа',
  test: 'контрольная',
  quiz: 'самостоятельная',
  oral: 'устный ответ',
};

/** A cell as the journal answered an entry into it. */
function applyEntry(
  cell: GridCell | null,
  command: PendingCommand,
  revision: number | undefined,
  weights: Map<string, number>,
): GridCell {
  const base: GridCell = cell ?? { marks: [], attendance: null, revision: 0 };
  const entry = (command.body as { entries: SentEntry[] }).entries[0];
  const marks = (entry?.marks ?? []).map((m) => ({
    markId: m.markId,
    value: m.value,
    workType: m.workType,
    weight: weights.get(m.workType) ?? 1,
    revoked: false,
  }));
  return {
    marks: [...base.marks, ...marks],
    attendance: entry?.attendance ?? base.attendance,
    revision: revision ?? base.revision,
  };
}

interface SentEntry {
  marks: { markId: string; value: MarkValue; workType: string }[];
  attendance?: Attendance;
}

/** Entries still in the outbox (after a reload offline) shown in their cells. */
function overlay(rows: RowView[], grid: Grid, pending: PendingCommand[]): RowView[] {
  return pending.reduce((current, command) => {
    const column = grid.lessons.findIndex((l) => l.lessonId === command.lessonId);
    const row = current.findIndex((r) => r.pupilId === command.pupilId);
    const target = current[row];
    if (column < 0 || !target) return current;
    const next = current.slice();
    next[row] = withCell(target, column, (view) => ({
      ...view,
      pending: [...view.pending, { key: command.key, label: command.label, state: 'waiting' }],
    }));
    return next;
  }, rows);
}
