import { useEffect, useState } from 'preact/hooks';
import { call } from '../api/http';
import { followNotifications, type LiveNotification } from '../api/live';
import { namesOf } from '../api/people';
import { ATTENDANCE_NAMES, averageText, lazyFormat, markLabel, subjectName } from './labels';
import { isoWeekOf, shiftWeek } from './iso-week';
import { useAsync } from './use-async';

interface MyPupil {
  pupilId: string;
  relation: 'self' | 'guardian';
}

interface WeekLesson {
  lessonId: string;
  subjectId: string | null;
  activityKind: string;
  slot: number;
  topic: string;
  homework: { text: string; dueDate: string } | null;
  marks: { markId: string; value: string; corrected: boolean }[];
  attendance: { status: string; corrected: boolean } | null;
}

interface Week {
  week: string;
  days: { date: string; lessons: WeekLesson[] }[];
  stale: boolean;
}

interface Marks {
  academicYear: string;
  subjects: {
    subjectId: string | null;
    activityKind: string;
    average: number | null;
    periods: {
      period: number;
      marks: { markId: string; value: string }[];
      average: number | null;
      periodMark: { value: string } | null;
    }[];
    year: { value: string } | null;
    final?: { value: string } | null;
  }[];
}

const dayName = lazyFormat({ weekday: 'long', day: 'numeric', month: 'long' });

const KIND_TEXT: Record<string, string> = {
  mark_recorded: 'новая отметка',
  mark_corrected: 'отметка исправлена',
  mark_revoked: 'отметка отменена',
  attendance_recorded: 'отмечено отсутствие',
  attendance_corrected: 'посещаемость исправлена',
  homework_set: 'задано домашнее задание',
  homework_changed: 'домашнее задание изменено',
  lesson_voided: 'урок аннулирован',
  summary_mark_set: 'итоговая отметка',
  summary_mark_corrected: 'итоговая отметка исправлена',
  council_decision_recorded: 'решение педсовета',
  lesson_cancelled: 'урок отменён',
  lesson_substituted: 'замена учителя',
  lesson_moved: 'урок перенесён',
  lesson_added: 'дополнительный урок',
  timetable_changed: 'изменилось расписание',
};

function describe(notification: LiveNotification, names: Map<string, string>): string {
  const data = (notification['data'] ?? {}) as {
    value?: string;
    to?: unknown;
    lesson?: { subjectId: string | null; date?: string };
  };
  const subject = data.lesson ? subjectName(data.lesson.subjectId) : '';
  // A corrected mark's `to` is its new value; a moved lesson's `to` is where it goes.
  const value = data.value ?? (typeof data.to === 'string' ? data.to : undefined);
  return [
    names.get(notification.pupilId),
    subject,
    KIND_TEXT[notification.kind] ?? notification.kind,
    value ? markLabel(value) : '',
  ]
    .filter(Boolean)
    .join(': ');
}

/** The e-diary of a pupil, or of a parent's children: the week, marks by subject, live news. */
export function Diary() {
  const pupils = useAsync(async () => {
    const { pupils: list } = await call<{ pupils: MyPupil[] }>('diary', 'GET', '/me/pupils');
    return { list, names: await namesOf(list.map((p) => p.pupilId)) };
  }, []);
  const [pupilId, setPupilId] = useState<string | null>(null);
  const [week, setWeek] = useState(isoWeekOf(new Date()));
  const [news, setNews] = useState<string[]>([]);
  const [live, setLive] = useState(false);
  const [round, setRound] = useState(0);
  const chosen = pupilId ?? pupils.value?.list[0]?.pupilId ?? null;
  const names = pupils.value?.names ?? new Map<string, string>();

  const weekView = useAsync(
    () =>
      chosen
        ? call<Week>('diary', 'GET', `/pupils/${encodeURIComponent(chosen)}/diary?week=${week}`)
        : Promise.resolve(null),
    [chosen, week, round],
  );
  const marks = useAsync(
    () =>
      chosen
        ? call<Marks>('diary', 'GET', `/pupils/${encodeURIComponent(chosen)}/marks`)
        : Promise.resolve(null),
    [chosen, round],
  );

  useEffect(
    () =>
      followNotifications((notification) => {
        setNews((current) => [describe(notification, names), ...current].slice(0, 20));
        // A notification can arrive before the diary has rewritten the week and the marks:
        // read them again now and a few times after, sooner first.
        for (const delay of [0, 700, 2000, 5000]) setTimeout(() => setRound((n) => n + 1), delay);
      }, setLive),
    [pupils.value],
  );

  if (pupils.error)
    return (
      <p role="alert" class="error">
        {pupils.error}
      </p>
    );
  if (!pupils.value) return <p aria-live="polite">Загрузка дневника…</p>;
  if (pupils.value.list.length === 0) return <p>Нет дневников, доступных вам сегодня.</p>;
  return (
    <section aria-labelledby="diary-title" class="diary">
      <h1 id="diary-title">Дневник{chosen ? `: ${names.get(chosen) ?? ''}` : ''}</h1>
      {pupils.value.list.length > 1 && (
        <div role="group" aria-label="Дети" class="children">
          {pupils.value.list.map((p) => (
            <button
              type="button"
              aria-pressed={p.pupilId === chosen}
              onClick={() => setPupilId(p.pupilId)}
            >
              {names.get(p.pupilId)}
            </button>
          ))}
        </div>
      )}
      <p class="live" role="status">
        {live ? 'Уведомления приходят сразу' : 'Подключаемся к уведомлениям…'}
      </p>
      <div aria-live="polite" class="news" data-testid="news">
        {news.map((text) => (
          <p class="toast">{text}</p>
        ))}
      </div>
      <div class="week-nav">
        <button type="button" onClick={() => setWeek(shiftWeek(week, -1))}>
          ← Предыдущая неделя
        </button>
        <span>{week}</span>
        <button type="button" onClick={() => setWeek(shiftWeek(week, 1))}>
          Следующая неделя →
        </button>
      </div>
      {weekView.error && <p role="alert">{weekView.error}</p>}
      <div class="week">
        {weekView.value?.days.map((day) => (
          <article class="day" aria-label={dayName(new Date(`${day.date}T12:00:00Z`))}>
            <h2>{dayName(new Date(`${day.date}T12:00:00Z`))}</h2>
            {day.lessons.length === 0 ? (
              <p class="muted">Уроков нет</p>
            ) : (
              <ol>
                {day.lessons.map((lesson) => (
                  <li key={lesson.lessonId}>
                    <strong>{subjectName(lesson.subjectId, lesson.activityKind)}</strong>
                    {lesson.topic && <span> — {lesson.topic}</span>}
                    {lesson.homework && (
                      <p class="homework">
                        Д/з: {lesson.homework.text} (к {lesson.homework.dueDate})
                      </p>
                    )}
                    {lesson.marks.length > 0 && (
                      <p class="marks">
                        Отметки:{' '}
                        {lesson.marks.map((m) => (
                          <span class="mark" title={m.corrected ? 'исправлена' : undefined}>
                            {markLabel(m.value)}
                            {m.corrected ? '*' : ''}
                          </span>
                        ))}
                      </p>
                    )}
                    {lesson.attendance && (
                      <p>
                        Посещаемость:{' '}
                        {ATTENDANCE_NAMES[lesson.attendance.status] ?? lesson.attendance.status}
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </article>
        ))}
      </div>
      <h2>Отметки по предметам</h2>
      {marks.value && (
        <table class="subjects">
          <caption class="visually-hidden">
            Отметки и средние баллы за {marks.value.academicYear}
          </caption>
          <thead>
            <tr>
              <th scope="col">Предмет</th>
              <th scope="col">Отметки</th>
              <th scope="col">Средний</th>
              <th scope="col">За период</th>
              <th scope="col">Год</th>
            </tr>
          </thead>
          <tbody>
            {marks.value.subjects.map((subject) => (
              <tr>
                <th scope="row">{subjectName(subject.subjectId, subject.activityKind)}</th>
                <td>
                  {subject.periods.flatMap((p) => p.marks.map((m) => markLabel(m.value))).join(' ')}
                </td>
                <td>{averageText(subject.average)}</td>
                <td>
                  {subject.periods
                    .filter((p) => p.periodMark)
                    .map((p) => `${p.period}: ${markLabel(p.periodMark?.value ?? '')}`)
                    .join(', ')}
                </td>
                <td>{subject.year ? markLabel(subject.year.value) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
