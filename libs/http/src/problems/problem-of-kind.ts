import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  PreconditionFailedProblem,
  type Problem,
  UnprocessableProblem,
  ValidationProblem,
} from './problem';

/** How a domain refusal is answered: 400, 403, 404, 409, 412 or 422. */
export type RefusalKind =
  'validation' | 'forbidden' | 'not_found' | 'conflict' | 'precondition' | 'unprocessable';

/** A domain's typed refusal as problem details, with its stable code and extra members. */
export function problemOfKind(
  kind: RefusalKind,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  switch (kind) {
    case 'validation':
      return new ValidationProblem(code, detail);
    case 'forbidden':
      return new ForbiddenProblem(code, detail, extensions);
    case 'not_found':
      return new NotFoundProblem(code, detail, extensions);
    case 'conflict':
      return new ConflictProblem(code, detail, extensions);
    case 'precondition':
      return new PreconditionFailedProblem(code, detail, extensions);
    case 'unprocessable':
      return new UnprocessableProblem(code, detail, extensions);
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown refusal kind ${String(unknown)}`);
    }
  }
}
