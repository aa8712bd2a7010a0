/** How the edge answers a refusal: 400, 403, 404, 409, 412 or 422. */
export type RefusalKind =
  'validation' | 'forbidden' | 'not_found' | 'conflict' | 'precondition' | 'unprocessable';

/** A stable code under a domain's prefix, like `JOURNAL.PERIOD_CLOSED`. */
export type RefusalCode<P extends string = string> = `${P}.${string}`;

/** One item refused with its whole batch, e.g. one pupil's entry in a lesson column. */
export interface RefusedEntry<P extends string = string> {
  code: RefusalCode<P>;
  detail: string;
}

/** A domain's refusal of a command: a stable code, and the kind of answer the edge gives. */
export class DomainRefusal<P extends string = string> extends Error {
  constructor(
    readonly code: RefusalCode<P>,
    readonly kind: RefusalKind,
    message: string,
    /** Set when a batch is refused: every refused item, each with its own code. */
    readonly entries: readonly RefusedEntry<P>[] = [],
  ) {
    super(message);
    this.name = 'DomainRefusal';
  }
}

/** Whether `error` is a refusal of the domain whose codes start with `prefix.`. */
export function isRefusal<P extends string>(prefix: P, error: unknown): error is DomainRefusal<P> {
  return error instanceof DomainRefusal && error.code.startsWith(`${prefix}.`);
}

/** The refusal builders of one domain: `refusalsOf('JOURNAL').conflict('JOURNAL.SEALED', …)`. */
export function refusalsOf<P extends string>(_prefix: P) {
  const as =
    (kind: RefusalKind) =>
    (code: RefusalCode<P>, message: string): DomainRefusal<P> =>
      new DomainRefusal(code, kind, message);
  return {
    validation: as('validation'),
    forbidden: as('forbidden'),
    notFound: as('not_found'),
    conflict: as('conflict'),
    precondition: as('precondition'),
    unprocessable: as('unprocessable'),
    /** A batch refused as a whole, listing each refused item. */
    entries: (code: RefusalCode<P>, message: string, entries: readonly RefusedEntry<P>[]) =>
      new DomainRefusal(code, 'unprocessable', message, entries),
  };
}
