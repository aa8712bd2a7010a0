/** One request a fuzzer sent and what the service answered. */
export interface Exchange {
  service: string;
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/** Stable problem codes: `JOURNAL.PERIOD_CLOSED`, `HTTP.PAYLOAD_TOO_LARGE`, `EVENT_STORE.X`. */
export const STABLE_PROBLEM_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

export type Fault = 'server-error' | 'not-a-problem';

/**
 * What is wrong with an answer, if anything: a 5xx is a server error (a 503 of a health check
 * too: the services under fuzzing are up); a refusal (4xx) must be an RFC 9457 problem
 * document with a stable `code`.
 */
export function faultOf(exchange: Pick<Exchange, 'status' | 'contentType' | 'body'>): Fault | null {
  if (exchange.status >= 500) return 'server-error';
  if (exchange.status < 400) return null;
  if (!exchange.contentType.toLowerCase().startsWith('application/problem+json'))
    return 'not-a-problem';
  return STABLE_PROBLEM_CODE.test(codeOf(exchange.body) ?? '') ? null : 'not-a-problem';
}

function codeOf(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** The totals the fuzzing prints and asserts on, over every service and caller. */
export interface FuzzTotals {
  operations: number;
  examples: number;
  serverErrors: number;
  nonProblemRefusals: number;
  /** Answers by status class (`2xx`, `4xx`…), for the reader of the JSON line. */
  statuses: Record<string, number>;
}

export interface Finding {
  fault: Fault;
  service: string;
  request: string;
  status: number;
  answer: string;
}

/** Adds a batch of exchanges to the totals and returns the faulty ones, once per kind. */
export function tally(totals: FuzzTotals, exchanges: readonly Exchange[]): Finding[] {
  const findings = new Map<string, Finding>();
  for (const exchange of exchanges) {
    totals.examples += 1;
    const family = `${Math.floor(exchange.status / 100)}xx`;
    totals.statuses[family] = (totals.statuses[family] ?? 0) + 1;
    const fault = faultOf(exchange);
    if (fault === 'server-error') totals.serverErrors += 1;
    if (fault === 'not-a-problem') totals.nonProblemRefusals += 1;
    if (!fault) continue;
    const request = `${exchange.method} ${new URL(exchange.url).pathname}`;
    const key = `${fault} ${exchange.service} ${request} ${exchange.status}`;
    if (!findings.has(key))
      findings.set(key, {
        fault,
        service: exchange.service,
        request,
        status: exchange.status,
        answer: exchange.body.slice(0, 300),
      });
  }
  return [...findings.values()];
}

export const emptyTotals = (): FuzzTotals => ({
  operations: 0,
  examples: 0,
  serverErrors: 0,
  nonProblemRefusals: 0,
  statuses: {},
});
