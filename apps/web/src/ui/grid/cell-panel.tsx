import { useEffect, useRef, useState } from 'preact/hooks';
import {
  cellHistory,
  correctAttendance,
  correctMark,
  revokeMark,
  type Attendance,
  type GridCell,
  type GridLesson,
  type MarkValue,
} from '../../api/journal';
import { namesOf } from '../../api/people';
import { ATTENDANCE_NAMES, markLabel } from '../labels';
import { messageOf, useAsync } from '../use-async';
import { HistoryTable } from './history-table';
import { lessonTitle } from './grid-view';

const VALUES: MarkValue[] = ['5', '4', '3', '2', '1', 'exempt', 'not_attested'];
const STATUSES: (Attendance | 'present')[] = ['present', 'absent', 'sick', 'excused', 'late'];

/**
 * A cell opened with Enter: its full history and a correction with a reason (and the order
 * reference where the school's rules ask for one). The correction names the cell revision the
 * grid showed: if someone changed the cell since, the journal refuses and nothing is lost.
 */
export function CellPanel(props: {
  journalId: string;
  lesson: GridLesson;
  pupilId: string;
  pupilName: string;
  cell: GridCell | null;
  onClose: (version?: number) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const history = useAsync(async () => {
    const { entries } = await cellHistory(props.journalId, props.lesson.lessonId, props.pupilId);
    const names = await namesOf(
      entries.flatMap((e) => [e.actorId, ...(e.authorisedBy ? [e.authorisedBy] : [])]),
    );
    return { entries, names };
  }, [props.lesson.lessonId, props.pupilId]);
  const marks = (props.cell?.marks ?? []).filter((m) => !m.revoked);
  const [markId, setMarkId] = useState(marks[marks.length - 1]?.markId ?? '');
  const [value, setValue] = useState<string>('');
  const [status, setStatus] = useState<string>('');
  const [reason, setReason] = useState('');
  const [orderRef, setOrderRef] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (action: 'correct' | 'revoke' | 'attendance') => {
    if (!props.cell) return;
    if (!reason.trim()) return setError('Укажите причину исправления.');
    const why = {
      reason: reason.trim(),
      orderRef: orderRef.trim() || null,
      expectedCellRevision: props.cell.revision,
    };
    setBusy(true);
    try {
      const answer =
        action === 'attendance'
          ? await correctAttendance(
              props.journalId,
              props.lesson.lessonId,
              props.pupilId,
              status as Attendance,
              why,
            )
          : action === 'revoke'
            ? await revokeMark(props.journalId, markId, why)
            : await correctMark(props.journalId, markId, value as MarkValue, why);
      props.onClose(answer.version);
    } catch (problem) {
      setError(messageOf(problem));
      setBusy(false);
    }
  };

  return (
    <div
      class="panel"
      role="dialog"
      aria-labelledby="cell-title"
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <h2 id="cell-title" tabIndex={-1} ref={heading}>
        {props.pupilName}, {lessonTitle(props.lesson)}
      </h2>
      {history.error && <p role="alert">{history.error}</p>}
      {history.value && (
        <HistoryTable entries={history.value.entries} names={history.value.names} />
      )}
      {props.cell && (
        <form
          class="correction"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(value ? 'correct' : status ? 'attendance' : 'revoke');
          }}
        >
          <h3>Исправление</h3>
          {marks.length > 0 && (
            <>
              <label>
                Отметка
                <select
                  value={markId}
                  onChange={(e) => setMarkId((e.target as HTMLSelectElement).value)}
                >
                  {marks.map((m) => (
                    <option value={m.markId}>{markLabel(m.value)}</option>
                  ))}
                </select>
              </label>
              <label>
                Новое значение
                <select
                  value={value}
                  onChange={(e) => setValue((e.target as HTMLSelectElement).value)}
                >
                  <option value="">— не менять —</option>
                  {VALUES.map((v) => (
                    <option value={v}>{markLabel(v)}</option>
                  ))}
                </select>
              </label>
            </>
          )}
          {props.cell.attendance && (
            <label>
              Посещаемость
              <select
                value={status}
                onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
              >
                <option value="">— не менять —</option>
                {STATUSES.map((s) => (
                  <option value={s}>{ATTENDANCE_NAMES[s]}</option>
                ))}
              </select>
            </label>
          )}
          <label>
            Причина
            <input
              value={reason}
              required
              maxLength={500}
              onInput={(e) => setReason((e.target as HTMLInputElement).value)}
            />
          </label>
          <label>
            Приказ (если требуется)
            <input
              value={orderRef}
              maxLength={100}
              onInput={(e) => setOrderRef((e.target as HTMLInputElement).value)}
            />
          </label>
          {error && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" disabled={busy || (!value && !status)}>
              Исправить
            </button>
            {marks.length > 0 && (
              <button type="button" disabled={busy} onClick={() => void submit('revoke')}>
                Отменить отметку
              </button>
            )}
            <button type="button" onClick={() => props.onClose()}>
              Закрыть
            </button>
          </div>
        </form>
      )}
      {!props.cell && (
        <button type="button" onClick={() => props.onClose()}>
          Закрыть
        </button>
      )}
    </div>
  );
}
