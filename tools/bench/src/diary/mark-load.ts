import type { httpClient } from '@ejournal/testing';
import { randomUUID } from 'node:crypto';
import type { HistoryJournal } from '../journal/history';
import { openLoop } from '../identity/open-loop';
import type { TokenIssuer } from '../journal/tokens';

type Call = ReturnType<typeof httpClient>;

/** Today's lesson on each journal (a free slot), where the load's marks go. */
export async function holdLessons(call: Call, tokens: TokenIssuer, journals: HistoryJournal[]) {
  const lessons = new Map<string, string>();
  for (const journal of journals) {
    const at = journal.slots[0] as { date: string; slot: number };
    const answer = await call('POST', `/journals/${journal.journalId}/lessons`, {
      token: await tokens.token(journal.teacherId, 'teacher'),
      json: { ...at, topic: 'Контрольная', homework: null },
    });
    if (answer.status !== 201) throw new Error(`lesson: ${JSON.stringify(answer.body)}`);
    lessons.set(journal.journalId, answer.body.events[0].data.lessonId);
  }
  return lessons;
}

/**
 * Single-mark commands through the journal's HTTP API at `rate` per second for `seconds`, open
 * loop (openLoop: each is sent at its time whatever the earlier ones are doing). Answers when
 * each mark was sent and answered (performance.now()) by markId, and what was refused.
 */
export async function markLoad(
  call: Call,
  tokens: TokenIssuer,
  journals: HistoryJournal[],
  lessons: Map<string, string>,
  { rate, seconds }: { rate: number; seconds: number },
) {
  const sent = new Map<string, number>();
  const answered = new Map<string, number>();
  const refused: Record<string, number> = {};
  const run = await openLoop(rate, seconds, async (n) => {
    const journal = journals[n % journals.length] as HistoryJournal;
    const pupilId = journal.pupils[Math.floor(n / journals.length) % journal.pupils.length];
    const at = performance.now();
    const mark = { value: String(2 + (n % 4)), workType: 'classwork' };
    const answer = await call(
      'POST',
      `/journals/${journal.journalId}/lessons/${lessons.get(journal.journalId)}/entries`,
      {
        token: await tokens.token(journal.teacherId, 'teacher'),
        json: { entries: [{ pupilId, marks: [mark] }] },
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    if (answer.status !== 201) {
      const code = `${answer.status} ${answer.body?.code ?? ''}`;
      refused[code] = (refused[code] ?? 0) + 1;
      return;
    }
    const recorded = answer.body.events.find((e: { type: string }) => e.type === 'MarkRecorded');
    sent.set(recorded.data.markId, at);
    answered.set(recorded.data.markId, performance.now());
  });
  return {
    sent,
    answered,
    answerMs: run.latenciesMs,
    refused,
    failures: run.failures,
    seconds: run.seconds,
  };
}
