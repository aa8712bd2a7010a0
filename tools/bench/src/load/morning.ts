import type { Answer, httpClient } from '@ejournal/testing';
import { openLoop } from '../identity/open-loop';
import { percentile, round } from '../measure';
import { signIn } from './identity-sessions';
import type { LoadSchool } from './load-school';

type Call = ReturnType<typeof httpClient>;

export interface Calls {
  id: Call;
  journal: Call;
  diary: Call;
}

/** Latencies by what was asked, and refusals by `what status code`. */
export function tally() {
  const ms = new Map<string, number[]>();
  const refused: Record<string, number> = {};
  return {
    /** Times `request`; answers its answer, or null when refused (counted). */
    async timed(what: string, request: () => Promise<Answer>): Promise<Answer | null> {
      const begin = performance.now();
      const answer = await request();
      if (answer.status < 200 || answer.status > 299) {
        const code = `${what} ${answer.status} ${answer.body?.code ?? ''}`.trim();
        refused[code] = (refused[code] ?? 0) + 1;
        return null;
      }
      const list = ms.get(what) ?? [];
      list.push(performance.now() - begin);
      ms.set(what, list);
      return answer;
    },
    of: (...whats: string[]) => whats.flatMap((what) => ms.get(what) ?? []),
    refused,
  };
}

export const figuresOf = (latenciesMs: number[]) => ({
  p50Ms: percentile(latenciesMs, 50),
  p99Ms: percentile(latenciesMs, 99),
  count: latenciesMs.length,
});

/**
 * The 1 September morning on this node: people arrive at `rate` per second for `seconds`
 * (open loop), a `teacherShare` of them teachers; each signs in with her password, then makes
 * the first reads: a teacher her journals and the first one's grid, a parent `/me/pupils` and
 * the child's week.
 */
export async function morning(
  calls: Calls,
  school: LoadSchool,
  { rate, seconds, teacherShare }: { rate: number; seconds: number; teacherShare: number },
) {
  const times = tally();
  let [teachers, parents] = [0, 0];
  const run = await openLoop(rate, seconds, async (n) => {
    const isTeacher = Math.floor((n + 1) * teacherShare) > Math.floor(n * teacherShare);
    const klass = school.classes[teachers % school.classes.length];
    const family = school.parents[parents % school.parents.length];
    if (isTeacher) teachers += 1;
    else parents += 1;
    const account = isTeacher ? klass?.teacher : family?.account;
    if (!account || !family) return;
    const session = await times.timed('signIn', () => signIn(calls.id, account));
    if (!session) return;
    const token = session.body.access_token as string;
    if (isTeacher) {
      const mine = await times.timed('journals', () =>
        calls.journal('GET', '/teachers/me/journals', { token }),
      );
      const first = mine?.body.journals[0]?.journalId;
      if (first)
        await times.timed('grid', () => calls.journal('GET', `/journals/${first}/grid`, { token }));
      return;
    }
    const children = await times.timed('mePupils', () =>
      calls.diary('GET', '/me/pupils', { token }),
    );
    const child = children?.body.pupils[0]?.pupilId;
    if (child)
      await times.timed('week', () => calls.diary('GET', `/pupils/${child}/diary`, { token }));
  });
  const signIns = times.of('signIn');
  return {
    signIn: {
      ...figuresOf(signIns),
      offeredPerSec: rate,
      achievedPerSec: round(signIns.length / run.seconds, 1),
      teachers,
      parents,
    },
    firstRead: {
      ...figuresOf(times.of('journals', 'grid', 'mePupils', 'week')),
      journals: figuresOf(times.of('journals')),
      grid: figuresOf(times.of('grid')),
      mePupils: figuresOf(times.of('mePupils')),
      week: figuresOf(times.of('week')),
    },
    refused: times.refused,
    failures: run.failures,
    seconds: round(run.seconds, 1),
  };
}
