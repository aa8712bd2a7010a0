/** What a service answered, as the sweep judges it. */
export interface SweepAnswer {
  status: number;
  contentType: string;
  text: string;
}

export type FaultKind = 'leak' | 'data' | 'server' | 'not-problem' | 'existence';

export interface Fault {
  kind: FaultKind;
  detail: string;
}

/** Stable problem codes: `JOURNAL.PERIOD_CLOSED`, `AUTH.OUT_OF_SCOPE`. */
export const STABLE_CODE = /^[A-Z]+\.[A-Z_]+$/;

export function problemCodeOf(answer: SweepAnswer): string | undefined {
  try {
    const code = (JSON.parse(answer.text) as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A request carrying school B's ids, made by someone of school A, must be refused: not 2xx,
 * not 5xx, an RFC 9457 problem with a stable code, and no trace of B's data in the answer
 * (B's ids other than those sent, B's people's names).
 */
export function faultsOf(
  answer: SweepAnswer,
  context: { sent: readonly string[]; secrets: readonly string[] },
): Fault[] {
  const faults: Fault[] = [];
  if (answer.status >= 200 && answer.status < 300)
    faults.push({ kind: 'leak', detail: `answered ${answer.status}` });
  if (answer.status >= 500) faults.push({ kind: 'server', detail: `answered ${answer.status}` });
  // What the request itself carried, whole or inside another id it sent (B's journal id in
  // B's stream id `journal-…`), may be echoed back (a problem's `instance`): not a leak.
  const revealed = context.secrets.filter(
    (secret) => !context.sent.some((sent) => sent.includes(secret)) && answer.text.includes(secret),
  );
  if (revealed.length > 0)
    faults.push({ kind: 'data', detail: `the answer holds B's ${revealed.join(', ')}` });
  if (answer.status >= 300) {
    const code = problemCodeOf(answer);
    if (!answer.contentType.startsWith('application/problem+json'))
      faults.push({ kind: 'not-problem', detail: `content type "${answer.contentType}"` });
    else if (!code || !STABLE_CODE.test(code))
      faults.push({ kind: 'not-problem', detail: `code ${JSON.stringify(code)}` });
  }
  return faults;
}

const seen = (answer: SweepAnswer) => `${answer.status} ${problemCodeOf(answer) ?? '-'}`;

/**
 * B's ids must be answered exactly as ids that exist nowhere: the same status and code, so an
 * answer never tells whether an id exists in another school.
 */
export function existenceFault(foreign: SweepAnswer, unknown: SweepAnswer): Fault | undefined {
  return seen(foreign) === seen(unknown)
    ? undefined
    : {
        kind: 'existence',
        detail: `B's ids answered ${seen(foreign)}, unknown ids ${seen(unknown)}`,
      };
}
