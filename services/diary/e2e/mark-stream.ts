import { expectStatus, type Answer } from '@ejournal/testing';

type Teacher = (url: string, json: unknown) => Promise<Answer>;
export type Recorded = { eventId: string; type: string; data: Record<string, string> };

const MARKS_PER_COMMAND = 4;
const COMMANDS_PER_LESSON = 10;
const SLOTS = [2, 3, 4, 5, 6, 7, 8];

/**
 * `total` marks through the journal's HTTP API as a teacher enters them: lessons on the given
 * days (slots 2–8), then commands of two marks for each of two pupils, one after another.
 * Halfway through, `midway` runs (and holds the stream until it returns). Answers the
 * recorded MarkRecorded events.
 */
export async function markStream(
  teacher: Teacher,
  options: { total: number; days: string[]; pupils: string[]; midway: () => Promise<void> },
): Promise<{ marks: Recorded[]; commands: number; seconds: number }> {
  const commands = Math.ceil(options.total / MARKS_PER_COMMAND);
  const lessons: string[] = [];
  for (let n = 0; n * COMMANDS_PER_LESSON < commands; n += 1) {
    const date = options.days[Math.floor(n / SLOTS.length)];
    const slot = SLOTS[n % SLOTS.length];
    const held = expectStatus(
      await teacher('/lessons', { date, slot, topic: `Повторение ${n + 1}`, homework: null }),
      201,
    );
    lessons.push(held.events[0].data.lessonId);
  }
  const started = performance.now();
  const marks: Recorded[] = [];
  for (let n = 0; n < commands; n += 1) {
    if (n === Math.floor(commands / 2)) await options.midway();
    const lessonId = lessons[Math.floor(n / COMMANDS_PER_LESSON)];
    const value = (offset: number) => String(2 + ((n + offset) % 4));
    const entries = options.pupils.map((pupilId, p) => ({
      pupilId,
      marks: [
        { value: value(p), workType: 'classwork' },
        { value: value(p + 1), workType: 'test' },
      ],
    }));
    const answer = expectStatus(await teacher(`/lessons/${lessonId}/entries`, { entries }), 201);
    marks.push(...(answer.events as Recorded[]).filter((event) => event.type === 'MarkRecorded'));
  }
  return { marks, commands, seconds: (performance.now() - started) / 1000 };
}
