import { expectStatus, type Answer } from '@ejournal/testing';
import { openLoop } from '../identity/open-loop';
import type { HistoryJournal } from '../journal/history';
import type { TokenIssuer } from '../journal/tokens';
import { runConcurrently, round } from '../measure';
import { signIn } from './identity-sessions';
import { openLiveStream } from './live-stream';
import type { LoadSchool } from './load-school';
import { figuresOf, tally, type Calls } from './morning';

/** Period marks go in as a teacher saves them: a few pupils' marks per command. */
const PERIOD_MARKS_PER_COMMAND = 5;
/** Every this many commands a teacher saves period marks; ordinary marks otherwise. */
const PERIOD_EVERY = 3;

export interface Streamer {
  personId: string;
  pupilId: string;
  login: string;
  password: string;
}

/**
 * The parents who keep the diary open in a browser tonight, spread over the classes: each
 * consents, through identity, to notifications about her child (the diary learns it from
 * identity's topic). Answers them.
 */
export async function consentingParents(calls: Calls, school: LoadSchool, count: number) {
  const step = Math.max(1, Math.floor(school.parents.length / count));
  const chosen = Array.from({ length: Math.min(count, school.parents.length) }, (_, i) => {
    const { account, pupilId } = school.parents[i * step] as LoadSchool['parents'][number];
    return { ...account, pupilId };
  });
  await runConcurrently(4, chosen.length, async (index) => {
    const parent = chosen[index] as Streamer;
    const token = expectStatus(await signIn(calls.id, parent), 200).access_token;
    const json = { subjectId: parent.pupilId, purpose: 'diary_notifications' };
    expectStatus(await calls.id('POST', '/consents', { token, json }), 200);
  });
  return chosen;
}

/** The events a journal command recorded (a journal's answer, or a summary sheet's). */
const recordedBy = (answer: Answer): { eventId: string; data: { pupilId?: string } }[] => [
  ...(answer.body.events ?? []),
  ...(answer.body.sheets ?? []).flatMap((sheet: { events: unknown[] }) => sheet.events),
];

/**
 * The term-end evening on this node, open loops for `seconds`: teachers' commands at
 * `commandRate` (every PERIOD_EVERY-th one period marks for the next pupils of the journal,
 * else an ordinary mark on one of the fortnight's lessons) while parents read at `readRate`
 * (`/me/pupils`, the week, marks by subject of the period in turn), the streamers' live
 * streams open. Notification lag: a command sent → its notification on the parent's stream.
 */
export async function evening(
  calls: Calls & { diaryUrl: string },
  tokens: TokenIssuer,
  journals: HistoryJournal[],
  streamers: Streamer[],
  { commandRate, readRate, seconds }: { commandRate: number; readRate: number; seconds: number },
) {
  const times = tally();
  const watched = new Set(streamers.map((each) => each.pupilId));
  const sent = new Map<string, number>();
  const seen = new Map<string, number>();
  const readers = await Promise.all(
    streamers.map(async (parent) => {
      const token = expectStatus(await signIn(calls.id, parent), 200).access_token as string;
      const stream = await openLiveStream(
        `${calls.diaryUrl}/me/notifications/stream`,
        token,
        (notification, at) => {
          if (!seen.has(notification.source.eventId)) seen.set(notification.source.eventId, at);
        },
      );
      return { ...parent, token, stream };
    }),
  );
  const periodMarked = new Map<string, number>();
  const command = async (n: number) => {
    const journal = journals[n % journals.length] as HistoryJournal;
    const turn = Math.floor(n / journals.length);
    const token = await tokens.token(journal.teacherId, 'teacher');
    const from = periodMarked.get(journal.journalId) ?? 0;
    const at = performance.now();
    let answer: Answer | null;
    if (n % PERIOD_EVERY === PERIOD_EVERY - 1 && from < journal.pupils.length) {
      periodMarked.set(journal.journalId, from + PERIOD_MARKS_PER_COMMAND);
      const pupils = journal.pupils.slice(from, from + PERIOD_MARKS_PER_COMMAND);
      const json = {
        kind: 'period',
        period: 1,
        marks: pupils.map((pupilId) => ({ pupilId, value: '4' })),
      };
      answer = await times.timed('periodMarks', () =>
        calls.journal('POST', `/journals/${journal.journalId}/summary-marks`, { token, json }),
      );
    } else {
      const lesson = journal.recent[turn % journal.recent.length];
      if (!lesson) return;
      const pupilId = lesson.pupils[(turn * 7) % lesson.pupils.length];
      const json = {
        entries: [{ pupilId, marks: [{ value: String(2 + (n % 4)), workType: 'classwork' }] }],
      };
      const url = `/journals/${journal.journalId}/lessons/${lesson.lessonId}/entries`;
      answer = await times.timed('mark', () => calls.journal('POST', url, { token, json }));
    }
    for (const event of answer ? recordedBy(answer) : [])
      if (watched.has(event.data.pupilId ?? '')) sent.set(event.eventId, at);
  };
  const read = async (n: number) => {
    const parent = readers[n % readers.length] as (typeof readers)[number];
    const as = { token: parent.token };
    const path = `/pupils/${parent.pupilId}`;
    if (n % 3 === 0) await times.timed('mePupils', () => calls.diary('GET', '/me/pupils', as));
    else if (n % 3 === 1) await times.timed('week', () => calls.diary('GET', `${path}/diary`, as));
    else await times.timed('marks', () => calls.diary('GET', `${path}/marks?period=1`, as));
  };
  const [commands, reads] = await Promise.all([
    openLoop(commandRate, seconds, command),
    openLoop(readRate, seconds, read),
  ]);
  return {
    settle: async (withinMs: number) => {
      for (const deadline = Date.now() + withinMs; Date.now() < deadline;) {
        if ([...sent.keys()].every((eventId) => seen.has(eventId))) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const reader of readers) reader.stream.close();
      const lagsMs = [...sent].flatMap(([eventId, at]) => {
        const arrived = seen.get(eventId);
        return arrived === undefined ? [] : [arrived - at];
      });
      return {
        command: {
          ...figuresOf(times.of('mark', 'periodMarks')),
          mark: figuresOf(times.of('mark')),
          periodMarks: {
            ...figuresOf(times.of('periodMarks')),
            pupilsPerCommand: PERIOD_MARKS_PER_COMMAND,
          },
          offeredPerSec: commandRate,
          achievedPerSec: round(times.of('mark', 'periodMarks').length / commands.seconds, 1),
        },
        read: {
          ...figuresOf(times.of('mePupils', 'week', 'marks')),
          week: figuresOf(times.of('week')),
          marks: figuresOf(times.of('marks')),
          mePupils: figuresOf(times.of('mePupils')),
          offeredPerSec: readRate,
          achievedPerSec: round(times.of('mePupils', 'week', 'marks').length / reads.seconds, 1),
        },
        notification: {
          ...figuresOf(lagsMs),
          expected: sent.size,
          missing: sent.size - lagsMs.length,
          openStreams: readers.length,
          of: 'command sent → its notification on the parent’s live stream (SSE)',
        },
        refused: times.refused,
        failures: commands.failures + reads.failures,
      };
    },
  };
}
