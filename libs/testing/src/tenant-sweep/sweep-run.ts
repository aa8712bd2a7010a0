import { randomUUID } from 'node:crypto';
import type { SweepPlan } from './sweep-plan';
import {
  describeVariant,
  namesBIn,
  renderRequest,
  unknownIds,
  type IdBook,
  type RenderedRequest,
} from './variants';
import { existenceFault, faultsOf, problemCodeOf, type Fault, type SweepAnswer } from './verdict';

export interface SweepTargets {
  /** Base URL of each swept service by name. */
  baseUrls: Record<string, string>;
  /** School A's people by role: role → access token. */
  callers: Record<string, string>;
  ids: IdBook;
  /** What must never reach school A: B's ids and B's people's names. */
  secrets: readonly string[];
  /** Requests in flight at once. */
  concurrency: number;
}

export interface Finding {
  service: string;
  operation: string;
  role: string;
  variant: string;
  request: string;
  status: number;
  code: string | undefined;
  faults: Fault[];
}

export interface SweepSummary {
  operations: Record<
    string,
    { total: number; public: number; withoutIds: number; covered: number }
  >;
  unbuildable: number;
  requests: number;
  leaks2xx: number;
  dataLeaks: number;
  serverErrors: number;
  nonProblemRefusals: number;
  /** Requests also sent with unknown ids in place of B's, and how many were answered otherwise. */
  comparedWithUnknown: number;
  existenceLeaks: number;
  /** How many answers had each status and problem code (`404 JOURNAL.NOT_FOUND`). */
  answers: Record<string, number>;
  seconds: number;
}

interface Job {
  service: string;
  operation: string;
  role: string;
  variant: string;
  request: RenderedRequest;
  /** The same request with unknown ids where it has B's, unless the slot accepts unknown ids. */
  twin?: RenderedRequest;
}

/**
 * Sends every planned request as every caller, a few at a time, and judges each answer; then
 * the same request with unknown ids in place of B's, which must be answered alike.
 */
export async function runSweep(plan: SweepPlan, targets: SweepTargets) {
  const started = Date.now();
  const unknown: IdBook = { A: targets.ids.A, B: unknownIds(targets.ids.B) };
  const jobs: Job[] = plan.planned.flatMap(({ operation, request, variants, acceptsUnknown }) =>
    variants.flatMap((variant) =>
      Object.keys(targets.callers).map((role) => ({
        service: operation.service,
        operation: operation.key,
        role,
        variant: describeVariant(variant),
        request: renderRequest(operation, request, variant, targets.ids),
        ...(namesBIn(variant, acceptsUnknown)
          ? {}
          : { twin: renderRequest(operation, request, variant, unknown) }),
      })),
    ),
  );
  const findings: Finding[] = [];
  const answers: Record<string, number> = {};
  let compared = 0;
  let next = 0;
  const worker = async () => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      const baseUrl = targets.baseUrls[job.service] ?? '';
      const token = targets.callers[job.role] ?? '';
      const answer = await send(baseUrl, token, job.request);
      const faults = faultsOf(answer, { sent: job.request.sent, secrets: targets.secrets });
      if (job.twin) {
        compared += 1;
        const fault = existenceFault(answer, await send(baseUrl, token, job.twin));
        if (fault) faults.push(fault);
      }
      const code = problemCodeOf(answer);
      const seen = `${answer.status} ${code ?? '-'}`;
      answers[seen] = (answers[seen] ?? 0) + 1;
      if (faults.length > 0) {
        const { service, operation, role, variant, request } = job;
        findings.push({
          service,
          operation,
          role,
          variant,
          request: `${request.method} ${request.url}`,
          status: answer.status,
          code,
          faults,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: targets.concurrency }, worker));
  const count = (kind: Fault['kind']) =>
    findings.filter((f) => f.faults.some((x) => x.kind === kind)).length;
  const summary: SweepSummary = {
    operations: Object.fromEntries(
      Object.entries(plan.counts).map(([service, { operations, ...rest }]) => [
        service,
        { total: operations, ...rest },
      ]),
    ),
    unbuildable: plan.unbuildable.length,
    requests: jobs.length,
    leaks2xx: count('leak'),
    dataLeaks: count('data'),
    serverErrors: count('server'),
    nonProblemRefusals: count('not-problem'),
    comparedWithUnknown: compared,
    existenceLeaks: count('existence'),
    answers: Object.fromEntries(Object.entries(answers).sort(([, x], [, y]) => y - x)),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  return { summary, findings };
}

async function send(
  baseUrl: string,
  token: string,
  request: RenderedRequest,
): Promise<SweepAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  // Every command needs a key of its own; reads ignore it.
  if (request.method !== 'GET') headers['idempotency-key'] = randomUUID();
  if (request.contentType) headers['content-type'] = request.contentType;
  const response = await fetch(`${baseUrl}${request.url}`, {
    method: request.method,
    headers,
    body: request.body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** Findings folded per operation: which faults, and what each role was answered. */
export function failingOperations(findings: Finding[]) {
  const byOperation = new Map<
    string,
    { faults: Set<string>; answers: Set<string>; example: string }
  >();
  for (const finding of findings) {
    const key = `${finding.service} ${finding.operation}`;
    const entry = byOperation.get(key) ?? { faults: new Set(), answers: new Set(), example: '' };
    finding.faults.forEach((fault) =>
      entry.faults.add(
        fault.kind === 'data' || fault.kind === 'existence' ? fault.detail : fault.kind,
      ),
    );
    entry.answers.add(`${finding.role} ${finding.status} ${finding.code ?? '-'}`);
    entry.example ||= `${finding.role} ${finding.request} (${finding.variant})`;
    byOperation.set(key, entry);
  }
  return [...byOperation].map(([operation, { faults, answers, example }]) => ({
    operation,
    faults: [...faults],
    answers: [...answers],
    example,
  }));
}
