import type { ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problems/problem-details.filter';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  PreconditionFailedProblem,
  PreconditionRequiredProblem,
  ServiceUnavailableProblem,
  TooManyRequestsProblem,
  UnauthorizedProblem,
  UnprocessableProblem,
  ValidationProblem,
} from '../problems/problem';

/** The statuses a route may answer with problem details, each with its stable codes. */
export interface ProblemDoc {
  status: number;
  codes: readonly string[];
}

/** RFC 9457 problem details as `ProblemDetailsFilter` sends them; extensions may follow. */
export const problemDetails = z
  .looseObject({
    type: z.string().describe('`urn:ejournal:problem:` and the code'),
    title: z.string().describe('The same for every problem of a status'),
    status: z.int().min(400).max(599),
    detail: z.string().describe('For people; never echoes personal data'),
    instance: z.string().describe('The path of the request'),
    code: z.string().describe('Stable: clients switch on it'),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'param', 'request']).optional(),
          pointer: z.string().describe('JSON Pointer (RFC 6901) into that part of the request'),
          detail: z.string(),
        }),
      )
      .optional()
      .describe('400 only: every field that failed validation'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const TITLES: ReadonlyMap<number, string> = new Map(
  [
    new ValidationProblem('', ''),
    new UnauthorizedProblem('', ''),
    new ForbiddenProblem('', ''),
    new NotFoundProblem('', ''),
    new ConflictProblem('', ''),
    new PreconditionFailedProblem('', ''),
    new UnprocessableProblem('', ''),
    new PreconditionRequiredProblem('', ''),
    new TooManyRequestsProblem('', '', 1),
    new ServiceUnavailableProblem('', ''),
  ].map((problem) => [problem.status, problem.title]),
);

const HEADERS: Record<number, Record<string, object>> = {
  401: {
    'WWW-Authenticate': {
      description: 'Bearer, with the reason (RFC 6750)',
      schema: { type: 'string' },
    },
  },
  429: {
    'Retry-After': { description: 'Seconds until a retry may pass', schema: { type: 'integer' } },
  },
};

/** Problem lists merged by status, codes once each, ordered by status. */
export function mergeProblems(problems: readonly ProblemDoc[]): ProblemDoc[] {
  const byStatus = new Map<number, Set<string>>();
  for (const { status, codes } of problems) {
    const known = byStatus.get(status) ?? new Set<string>();
    codes.forEach((code) => known.add(code));
    byStatus.set(status, known);
  }
  return [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, codes]) => ({ status, codes: [...codes].sort() }));
}

/** The response object of one status: the problem schema with `code` narrowed to its codes. */
export function problemResponse({ status, codes }: ProblemDoc, instance: string): ResponseObject {
  const title = TITLES.get(status) ?? 'Error';
  const code = codes[0] ?? 'HTTP.ERROR';
  const example = {
    type: problemType(code),
    title,
    status,
    detail: status === 400 ? 'The body is invalid: one field' : title,
    instance,
    code,
    ...(status === 400
      ? { errors: [{ in: 'body', pointer: '/date', detail: 'Invalid date' }] }
      : {}),
  };
  return {
    description: `${title}. \`code\`: ${codes.map((c) => `\`${c}\``).join(', ')}`,
    ...(HEADERS[status] ? { headers: HEADERS[status] } : {}),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/Problem' },
            { type: 'object', properties: { code: { enum: [...codes] } } },
          ],
        },
        example,
      },
    },
  };
}
