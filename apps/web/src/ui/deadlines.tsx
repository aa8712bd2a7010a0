import { useState } from 'preact/hooks';
import { call } from '../api/http';
import { useAsync } from './use-async';

interface Counts {
  total: number;
  sealed: number;
  printed: number;
  signed: number;
  overdue: number;
}

interface SchoolDeadlines {
  deadline: string;
  today: string;
  state: string;
  journals: Counts;
  summarySheets: Counts;
  records: {
    recordId: string;
    kind: string;
    title: string;
    sealed: boolean | null;
    printed: boolean;
    signed: boolean;
    overdue: boolean;
  }[];
}

const STATES: Record<string, string> = {
  done: 'всё готово',
  overdue: 'срок пропущен',
  in_progress: 'в работе',
};

const yes = (value: boolean | null) => (value === null ? '—' : value ? 'да' : 'нет');

const startYearNow = () => {
  const now = new Date();
  return now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
};

/**
 * R8: by 30 June every journal and summary sheet of the year is closed, printed and signed by
 * the head. The archive's view of one school (`GET /deadlines/schools/{id}?year=`).
 */
export function Deadlines({ schoolId }: { schoolId: string }) {
  const [year, setYear] = useState(startYearNow());
  const view = useAsync(
    () =>
      call<SchoolDeadlines>(
        'archive',
        'GET',
        `/deadlines/schools/${encodeURIComponent(schoolId)}?year=${year}`,
      ),
    [schoolId, year],
  );
  const counts = (label: string, c: Counts) =>
    `${label}: ${c.total}, закрыто ${c.sealed}, выведено на печать ${c.printed}, подписано ${c.signed}, просрочено ${c.overdue}`;
  return (
    <section aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">Сроки вывода журналов на печать и подписи (до 30 июня)</h2>
      <label>
        Учебный год, начавшийся в
        <input
          type="number"
          min={2000}
          max={2199}
          value={year}
          onInput={(e) => setYear(Number((e.target as HTMLInputElement).value))}
        />
      </label>
      {view.error && <p role="alert">{view.error}</p>}
      {view.value && (
        <>
          <p role="status">
            Срок: {view.value.deadline}. Состояние: {STATES[view.value.state] ?? view.value.state}.
          </p>
          <p>{counts('Журналы', view.value.journals)}</p>
          <p>{counts('Сводные ведомости', view.value.summarySheets)}</p>
          {view.value.records.length > 0 && (
            <table>
              <caption class="visually-hidden">Документы года</caption>
              <thead>
                <tr>
                  <th scope="col">Документ</th>
                  <th scope="col">Закрыт</th>
                  <th scope="col">На печати</th>
                  <th scope="col">Подписан</th>
                  <th scope="col">Просрочен</th>
                </tr>
              </thead>
              <tbody>
                {view.value.records.map((record) => (
                  <tr key={record.recordId}>
                    <td>{record.title}</td>
                    <td>{yes(record.sealed)}</td>
                    <td>{yes(record.printed)}</td>
                    <td>{yes(record.signed)}</td>
                    <td class={record.overdue ? 'alarm' : undefined}>{yes(record.overdue)}</td>
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
