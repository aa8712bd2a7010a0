import { useEffect, useRef, useState } from 'preact/hooks';
import { editLesson, recordLesson, type GridLesson } from '../../api/journal';
import { messageOf } from '../use-async';
import { lessonTitle } from './grid-view';

const today = () => new Date().toISOString().slice(0, 10);

/** A new lesson (date, number, topic, homework), or the topic and homework of one held. */
export function LessonPanel(props: {
  journalId: string;
  lesson: GridLesson | null;
  onClose: (version?: number) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [date, setDate] = useState(props.lesson?.date ?? today());
  const [slot, setSlot] = useState(String(props.lesson?.slot ?? 1));
  const [topic, setTopic] = useState(props.lesson?.topic ?? '');
  const [homework, setHomework] = useState(props.lesson?.homework?.text ?? '');
  const [dueDate, setDueDate] = useState(props.lesson?.homework?.dueDate ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const set = (setter: (value: string) => void) => (e: Event) =>
    setter((e.target as HTMLInputElement).value);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (homework.trim() && !dueDate)
      return setError('Укажите, к какому дню задано домашнее задание.');
    const work = homework.trim() ? { text: homework.trim(), dueDate } : null;
    try {
      const answer = props.lesson
        ? await editLesson(props.journalId, props.lesson.lessonId, {
            topic: topic.trim(),
            homework: work,
            reason: reason.trim() || 'Уточнение темы и задания',
            orderRef: null,
          })
        : await recordLesson(props.journalId, {
            date,
            slot: Number(slot),
            topic: topic.trim(),
            homework: work,
          });
      props.onClose(answer.version);
    } catch (problem) {
      setError(messageOf(problem));
    }
  };

  return (
    <div
      class="panel"
      role="dialog"
      aria-labelledby="lesson-title"
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <h2 id="lesson-title" tabIndex={-1} ref={heading}>
        {props.lesson ? `Урок ${lessonTitle(props.lesson)}` : 'Новый урок'}
      </h2>
      <form onSubmit={(e) => void submit(e)}>
        {!props.lesson && (
          <>
            <label>
              Дата
              <input type="date" value={date} required onInput={set(setDate)} />
            </label>
            <label>
              Номер урока
              <input type="number" min={1} max={12} value={slot} required onInput={set(setSlot)} />
            </label>
          </>
        )}
        <label>
          Тема урока
          <input value={topic} maxLength={500} onInput={set(setTopic)} />
        </label>
        <label>
          Домашнее задание
          <textarea value={homework} maxLength={2000} onInput={set(setHomework)} />
        </label>
        <label>
          Срок выполнения
          <input type="date" value={dueDate} onInput={set(setDueDate)} />
        </label>
        {props.lesson && (
          <label>
            Причина изменения
            <input value={reason} maxLength={500} onInput={set(setReason)} />
          </label>
        )}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="submit">Сохранить</button>
          <button type="button" onClick={() => props.onClose()}>
            Закрыть
          </button>
        </div>
      </form>
    </div>
  );
}
