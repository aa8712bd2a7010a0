import type { httpClient } from '@ejournal/testing';
import { randomUUID } from 'node:crypto';
import { percentile, round, runConcurrently } from '../measure';
import type { HistoryJournal } from './history';
import type { TokenIssuer } from './tokens';

type Call = ReturnType<typeof httpClient>;
type Answered = (journalId: string, version: number, at: number) => void;
/** Every this many commands a teacher records a whole lesson column; single marks otherwise. */
export const COLUMN_EVERY = 4;

const mark = (seed: number) => ({ value: String(2 + (seed % 4)), workType: 'classwork' });

/** One mark for one pupil who was there, on one of the last fortnight's lessons. */
function singleMark(journal: HistoryJournal, turn: number) {
  const lesson = journal.recent[turn % journal.recent.length];
  if (!lesson) throw new Error(`journal ${journal.journalId} has no recent lesson`);
  const pupilId = lesson.pupils[(turn * 7) % lesson.pupils.length];
  return {
    url: `/journals/${journal.journalId}/lessons/${lesson.lessonId}/entries`,
    json: { entries: [{ pupilId, marks: [mark(turn)] }] },
  };
}

/** A new lesson in a free recent slot with a mark for each of the 30 pupils. */
function lessonColumn(journal: HistoryJournal, turn: number, at: { date: string; slot: number }) {
  const entries = journal.pupils.map((pupilId, p) => ({ pupilId, marks: [mark(turn + p)] }));
  return {
    url: `/journals/${journal.journalId}/lessons`,
    json: { ...at, topic: `Урок ${turn}`, homework: null, entries },
  };
}

/** Sends one command as the journal's teacher with a fresh Idempotency-Key; times it. */
async function send(
  call: Call,
  tokens: TokenIssuer,
  journal: HistoryJournal,
  { url, json }: { url: string; json: unknown },
) {
  const token = await tokens.token(journal.teacherId, 'teacher');
  const headers = { 'idempotency-key': randomUUID() };
  const begin = performance.now();
  const answer = await call('POST', url, { token, json, headers });
  const at = performance.now();
  return { answer, at, ms: at - begin };
}

export interface LoadResult {
  singleMs: number[];
  columnMs: number[];
  marks: number;
  seconds: number;
  refused: Record<string, number>;
}

/**
 * Teachers as closed loops, each on her own journal, for `seconds`: single-mark commands on
 * the last fortnight's lessons and, every COLUMN_EVERY-th command (while recent slots are
 * free), a new lesson with a 30-pupil column. `answered` sees each recorded command.
 */
export async function runTeachers(
  call: Call,
  tokens: TokenIssuer,
  journals: HistoryJournal[],
  seconds: number,
  answered: Answered,
): Promise<LoadResult> {
  const result: LoadResult = { singleMs: [], columnMs: [], marks: 0, seconds: 0, refused: {} };
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    journals.map(async (journal) => {
      for (let turn = 0; performance.now() < until; turn += 1) {
        const slot = turn % COLUMN_EVERY === COLUMN_EVERY - 1 ? journal.slots.shift() : undefined;
        const command = slot ? lessonColumn(journal, turn, slot) : singleMark(journal, turn);
        const { answer, at, ms } = await send(call, tokens, journal, command);
        if (answer.status !== 201) {
          const code = `${answer.status} ${answer.body?.code ?? ''}`;
          result.refused[code] = (result.refused[code] ?? 0) + 1;
          continue;
        }
        (slot ? result.columnMs : result.singleMs).push(ms);
        result.marks += slot ? journal.pupils.length : 1;
        answered(journal.journalId, answer.body.version as number, at);
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Single marks one at a time, `everyMs` apart, round the journals: the unloaded baseline. */
export async function trickle(
  call: Call,
  tokens: TokenIssuer,
  journals: HistoryJournal[],
  count: number,
  everyMs: number,
  answered: Answered,
): Promise<number[]> {
  const latenciesMs: number[] = [];
  for (let turn = 0; turn < count; turn += 1) {
    const journal = journals[turn % journals.length] as HistoryJournal;
    const { answer, at, ms } = await send(call, tokens, journal, singleMark(journal, turn));
    if (answer.status !== 201) throw new Error(`trickle: ${JSON.stringify(answer.body)}`);
    latenciesMs.push(ms);
    answered(journal.journalId, answer.body.version as number, at);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - ms)));
  }
  return latenciesMs;
}

/**
 * One single mark per journal, 5 at a time: the first command after the history folds the
 * whole stream (appended without the service, it has no snapshot yet). Timed apart.
 */
export async function firstCommands(
  call: Call,
  tokens: TokenIssuer,
  journals: HistoryJournal[],
  answered: Answered,
) {
  const { latenciesMs } = await runConcurrently(5, journals.length, async (index) => {
    const journal = journals[index] as HistoryJournal;
    const { answer, at } = await send(call, tokens, journal, singleMark(journal, 0));
    if (answer.status !== 201) throw new Error(`first command: ${JSON.stringify(answer.body)}`);
    answered(journal.journalId, answer.body.version as number, at);
  });
  return { p50Ms: percentile(latenciesMs, 50), maxMs: round(Math.max(...latenciesMs), 1) };
}

/**
 * Co-writers of one journal (co-teachers, substitutes, a deputy head's corrections): `clients`
 * loops saving single marks into different cells of the same journal at once, `saves` in all.
 * Every save should land: commands on one journal queue in the service, so only a real
 * conflict on one cell could refuse one.
 */
export async function coWriters(
  call: Call,
  tokens: TokenIssuer,
  journal: HistoryJournal,
  clients = 10,
  saves = 2000,
) {
  const refused: Record<string, number> = {};
  const run = await runConcurrently(clients, saves, async (turn, client) => {
    const lesson = journal.recent[turn % journal.recent.length];
    if (!lesson) throw new Error(`journal ${journal.journalId} has no recent lesson`);
    const pupilId = lesson.pupils[(client + clients * turn) % lesson.pupils.length];
    const command = {
      url: `/journals/${journal.journalId}/lessons/${lesson.lessonId}/entries`,
      json: { entries: [{ pupilId, marks: [mark(turn)] }] },
    };
    const { answer } = await send(call, tokens, journal, command);
    if (answer.status !== 201) {
      const code = `${answer.status} ${answer.body?.code ?? ''}`;
      refused[code] = (refused[code] ?? 0) + 1;
    }
  });
  const refusals = Object.values(refused).reduce((sum, count) => sum + count, 0);
  return {
    clients,
    saves,
    refused,
    refusedTotal: refusals,
    p50Ms: percentile(run.latenciesMs, 50),
    p99Ms: percentile(run.latenciesMs, 99),
    savesPerSec: round(saves / run.seconds, 0),
    of: `${clients} clients saving marks in different cells of one journal at once`,
  };
}

/** Beyond this many commands in flight the open loop counts commands as not sent. */
const MAX_IN_FLIGHT = 300;

/**
 * The same mix as `runTeachers` offered as an open loop: commands start at a fixed rate that
 * makes `marksPerSec` (one column of 30 marks every COLUMN_EVERY-th command, single marks
 * otherwise) whatever the latency, round the teachers' journals, as teachers arrive rather
 * than as fast as answers come back. With closed loops latency and throughput are tied
 * (50 teachers at p50 L make 50 / L commands a second); here latency is measured at a rate.
 */
export async function offeredTeachers(
  call: Call,
  tokens: TokenIssuer,
  journals: HistoryJournal[],
  marksPerSec: number,
  seconds: number,
  answered: Answered,
): Promise<LoadResult & { offeredMarksPerSec: number }> {
  const pupils = journals[0]?.pupils.length ?? 30;
  const marksPerCommand = (COLUMN_EVERY - 1 + pupils) / COLUMN_EVERY;
  const perSecond = marksPerSec / marksPerCommand;
  const result: LoadResult = { singleMs: [], columnMs: [], marks: 0, seconds: 0, refused: {} };
  const total = Math.round(perSecond * seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let pending = 0;
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const journal = journals[index % journals.length] as HistoryJournal;
    const turn = Math.floor(index / journals.length);
    const slot = index % COLUMN_EVERY === COLUMN_EVERY - 1 ? journal.slots.shift() : undefined;
    const command = slot ? lessonColumn(journal, turn, slot) : singleMark(journal, turn);
    const count = (code: string) => (result.refused[code] = (result.refused[code] ?? 0) + 1);
    if (pending >= MAX_IN_FLIGHT) {
      // The service fell this far behind the offered rate: not sent, counted.
      count(`not sent: ${MAX_IN_FLIGHT} in flight`);
      continue;
    }
    pending += 1;
    inFlight.push(
      send(call, tokens, journal, command)
        .then(({ answer, at, ms }) => {
          if (answer.status !== 201)
            return void count(`${answer.status} ${answer.body?.code ?? ''}`);
          (slot ? result.columnMs : result.singleMs).push(ms);
          result.marks += slot ? journal.pupils.length : 1;
          answered(journal.journalId, answer.body.version as number, at);
        })
        .catch((error: unknown) => {
          const cause = (error as { cause?: { code?: string } }).cause?.code;
          count(`no answer: ${cause ?? String(error)}`);
        })
        .finally(() => (pending -= 1)),
    );
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return { ...result, offeredMarksPerSec: marksPerSec };
}
