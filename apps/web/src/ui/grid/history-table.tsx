import type { HistoryEntry } from '../../api/journal';
import { ATTENDANCE_NAMES, EVENT_NAMES, instantText, markLabel, ROLE_NAMES } from '../labels';

const what = (entry: HistoryEntry) => {
  const value = entry.value
    ? markLabel(entry.value)
    : entry.status
      ? (ATTENDANCE_NAMES[entry.status] ?? entry.status)
      : '';
  const from = entry.from ? `${markLabel(entry.from)} → ` : '';
  return `${from}${value}`;
};

/** A cell's history, oldest first: who, when, what, why, under which order. */
export function HistoryTable(props: { entries: HistoryEntry[]; names: Map<string, string> }) {
  if (props.entries.length === 0) return <p>В этой клетке ещё нет записей.</p>;
  return (
    <table class="history">
      <caption>История клетки</caption>
      <thead>
        <tr>
          <th scope="col">№</th>
          <th scope="col">Когда</th>
          <th scope="col">Что</th>
          <th scope="col">Значение</th>
          <th scope="col">Кто</th>
          <th scope="col">Причина</th>
          <th scope="col">Разрешил, приказ</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => (
          <tr key={entry.eventId}>
            <td>{entry.streamVersion}</td>
            <td>{instantText(entry.recordedAt)}</td>
            <td>{EVENT_NAMES[entry.type] ?? entry.type}</td>
            <td>{what(entry)}</td>
            <td>
              {props.names.get(entry.actorId) ?? entry.actorId} (
              {ROLE_NAMES[entry.actorRole] ?? entry.actorRole})
            </td>
            <td>{entry.reason ?? ''}</td>
            <td>
              {[
                entry.authorisedBy
                  ? (props.names.get(entry.authorisedBy) ?? entry.authorisedBy)
                  : '',
                entry.orderRef ?? '',
              ]
                .filter(Boolean)
                .join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
