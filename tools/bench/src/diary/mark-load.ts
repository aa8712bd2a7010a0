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
 * Marks through the journal's HTTP API at `rate` marks per second for `seconds`, open loop
 * (openLoop: each command is sent at its time whatever the earlier ones are doing), in commands
 * of `perCommand` marks: 1 is a single-mark command, more a teacher's column save (the marks
 * of several pupils of one lesson in one command). Answers when each mark was sent and
 * answered (performance.now()) by markId, and what was refused.
 */
export async function markLoad(
  call: Call,
  tokens: TokenIssuer,
  journals: HistoryJournal[],
  lessons: Map<string, string>,
  { rate, seconds, perCommand = 1 }: { rate: number; seconds: number; perCommand?: number },
) {
  const sent = new Map<string, number>();
  const answered = new Map<string, number>();
  const refused: Record<string, number> = {};
  const run = await openLoop(rate / perCommand, seconds, async (n) => {
    const journal = journals[n % journals.length] as HistoryJournal;
    const first = Math.floor(n / journals.length) * perCommand;
    const entries = Array.from({ length: perCommand }, (_, i) => ({
      pupilId: journal.pupils[(first + i) % journal.pupils.length],
      marks: [{ value: String(2 + ((n + i) % 4)), workType: 'classwork' }],
    }));
    const at = performance.now();
    const answer = await call(
      'POST',
      `/journals/${journal.journalId}/lessons/${lessons.get(journal.journalId)}/entries`,
      {
        token: await tokens.token(journal.teacherId, 'teacher'),
        json: { entries },
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    if (answer.status !== 201) {
      const code = `${answer.status} ${answer.body?.code ?? ''}`;
      refused[code] = (refused[code] ?? 0) + 1;
      return;
    }
    const recorded = answer.body.events.filter((e: { type: string }) => e.type === 'MarkRecorded');
    for (const { data } of recorded as { data: { markId: string } }[]) {
      sent.set(data.markId, at);
      answered.set(data.markId, performance.now());
    }
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
