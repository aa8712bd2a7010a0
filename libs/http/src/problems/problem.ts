/** One field that failed validation, as a JSON Pointer into the request (RFC 6901). */
export interface FieldError {
  pointer: string;
  detail: string;
}

/**
 * An error the edge answers with RFC 9457 problem details. `code` is stable (clients switch on
 * it: `IDENTITY.UNKNOWN_SCHOOL`); `detail` is for people and never echoes personal data.
 */
export abstract class Problem extends Error {
  abstract readonly status: number;
  abstract readonly title: string;

  constructor(
    readonly code: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationProblem extends Problem {
  readonly status = 400;
  readonly title = 'The request is invalid';

  constructor(code: string, detail: string, errors: FieldError[] = []) {
    super(code, detail, { errors });
  }
}

export class UnauthorizedProblem extends Problem {
  readonly status = 401;
  readonly title = 'Authentication is required';

  constructor(code: string, detail: string) {
    super(code, detail, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
}

export class ForbiddenProblem extends Problem {
  readonly status = 403;
  readonly title = 'Not allowed';
}

export class NotFoundProblem extends Problem {
  readonly status = 404;
  readonly title = 'Not found';
}

export class ConflictProblem extends Problem {
  readonly status = 409;
  readonly title = 'Conflicts with the current state';
}

export class PreconditionFailedProblem extends Problem {
  readonly status = 412;
  readonly title = 'A precondition failed';
}

export class UnprocessableProblem extends Problem {
  readonly status = 422;
  readonly title = 'The request cannot be processed';
}

export class PreconditionRequiredProblem extends Problem {
  readonly status = 428;
  readonly title = 'A precondition is required';
}

export class TooManyRequestsProblem extends Problem {
  readonly status = 429;
  readonly title = 'Too many requests';

  constructor(code: string, detail: string, retryAfterSeconds: number) {
    super(code, detail, {}, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

export class ServiceUnavailableProblem extends Problem {
  readonly status = 503;
  readonly title = 'Temporarily unavailable';
}
