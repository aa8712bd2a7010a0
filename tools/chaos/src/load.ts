import { randomUUID } from 'node:crypto';
import type { Platform } from './platform';
import { pause } from './platform';
import type { ChaosSchool, Journal } from './school';

/** An event a client was told is recorded (a 2xx answer carried it). */
export interface Acknowledged {
  eventId: string;
  type: string;
  journalId: string;
  lessonId: string;
  pupilId: string | null;
  markId: string | null;
}

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the journal's answer as sent
  body: any;
}

const REQUEST_TIMEOUT_MS = 15_000;
const PACE_MS = 250;
const MAX_DAYS_BACK = 300;
/** The demo policy's window (libs/testing POLICY): later corrections need a deputy head. */
const CORRECTION_WINDOW_DAYS = 3;
const RETRY_FOR_MS = 120_000;

/**
 * Teachers recording lesson columns (a mark for every pupil) and correcting marks through the
 * journal's HTTP API, one worker per journal, as a school app with a retry policy would: a
 * network error, a timeout, 5xx or 429 is retried with the same Idempotency-Key and body until
 * answered; every event of a 2xx answer is acknowledged.
 */
export class TeacherLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly refused = new Map<string, number>();
  retries = 0;
  gaveUp = 0;
  private stopped = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly platform: Platform,
    private readonly school: ChaosSchool,
  ) {}

  start(): void {
    this.workers = this.school.journals.map((journal, index) => this.teach(journal, index));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers);
  }

  /** Resolves once `count` more lessons are acknowledged than now. */
  async progress(count: number, withinMs: number): Promise<boolean> {
    const lessons = () => this.acknowledged.filter((each) => each.type === 'LessonHeld').length;
    const target = lessons() + count;
    const deadline = Date.now() + withinMs;
    while (lessons() < target) {
      if (Date.now() > deadline) return false;
      await pause(100);
    }
    return true;
  }

  private async teach(journal: Journal, index: number): Promise<void> {
    const token = this.school.tokens.get(journal.teacher) ?? '';
    const url = `/journals/${journal.journalId}`;
    let lesson = 0;
    // Eight lessons a day, from today backwards, each (date, slot) once per journal, at a
    // teacher's pace: the load lasts as long as the kills do.
    for (let day = 0; day <= MAX_DAYS_BACK && !this.stopped; day++) {
      for (let slot = 1; slot <= 8 && !this.stopped; slot++) {
        lesson += 1;
        const column = {
          date: this.school.year.daysAgo(day),
          slot,
          topic: `Тема ${index + 1}.${lesson}`,
          homework: null,
          entries: this.school.pupils.map((pupilId, i) => ({
            pupilId,
            marks: [{ value: String(2 + ((lesson + i) % 4)), workType: 'classwork' }],
          })),
        };
        const held = await this.send('POST', `${url}/lessons`, token, column);
        await pause(PACE_MS);
        if (!held) continue;
        this.remember(journal.journalId, held.body.events);
        if (lesson % 3 !== 0 || day > CORRECTION_WINDOW_DAYS) continue;
        // Every third lesson within the correction window the teacher corrects the third
        // pupil's mark.
        const mark = held.body.events.find(
          (event: { type: string; data: { pupilId: string } }) =>
            event.type === 'MarkRecorded' && event.data.pupilId === this.school.pupils[2],
        );
        const cell = held.body.cells.find(
          (each: { pupilId: string }) => each.pupilId === this.school.pupils[2],
        );
        if (!mark || !cell) continue;
        const corrected = await this.send(
          'POST',
          `${url}/marks/${mark.data.markId}/correction`,
          token,
          { value: '5', reason: 'Ошибка при вводе', expectedCellRevision: cell.revision },
        );
        if (corrected) this.remember(journal.journalId, corrected.body.events);
      }
    }
  }

  private remember(
    journalId: string,
    events: { eventId: string; type: string; data: Record<string, unknown> }[],
  ): void {
    for (const event of events) {
      this.acknowledged.push({
        eventId: event.eventId,
        type: event.type,
        journalId,
        lessonId: String(event.data['lessonId'] ?? ''),
        pupilId: (event.data['pupilId'] as string | undefined) ?? null,
        markId: (event.data['markId'] as string | undefined) ?? null,
      });
    }
  }

  /** The 2xx answer, or null for a refusal (counted by code) or a request given up on. */
  private async send(method: string, path: string, token: string, body: unknown) {
    const key = randomUUID();
    const deadline = Date.now() + RETRY_FOR_MS;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.call(method, path, token, body, key);
      if (answer && answer.status < 300) return answer;
      const retryable =
        !answer ||
        answer.status >= 500 ||
        answer.status === 429 ||
        answer.body?.code === 'HTTP.IDEMPOTENCY_KEY_IN_PROGRESS';
      if (!retryable) {
        const code = String(answer?.body?.code ?? answer?.status);
        this.refused.set(code, (this.refused.get(code) ?? 0) + 1);
        return null;
      }
      if (Date.now() > deadline || this.stopped) {
        this.gaveUp += 1;
        return null;
      }
      this.retries += 1;
      await pause(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random()));
    }
  }

  private async call(
    method: string,
    path: string,
    token: string,
    body: unknown,
    key: string,
  ): Promise<Answer | null> {
    try {
      const response = await fetch(`${this.platform.baseUrl('journal')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    } catch {
      return null;
    }
  }
}
