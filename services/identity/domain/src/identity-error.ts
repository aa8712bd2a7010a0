/** How the edge answers: 400, 403, 404, 409, 412 or 422. */
export type IdentityErrorKind =
  'validation' | 'forbidden' | 'not_found' | 'conflict' | 'precondition' | 'unprocessable';

/** A refusal of the identity domain, with a stable code like `IDENTITY.ALREADY_ENROLLED`. */
export class IdentityError extends Error {
  constructor(
    readonly code: `IDENTITY.${string}`,
    readonly kind: IdentityErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

export const refuse = {
  conflict: (code: `IDENTITY.${string}`, message: string) =>
    new IdentityError(code, 'conflict', message),
  notFound: (code: `IDENTITY.${string}`, message: string) =>
    new IdentityError(code, 'not_found', message),
  unprocessable: (code: `IDENTITY.${string}`, message: string) =>
    new IdentityError(code, 'unprocessable', message),
  precondition: (code: `IDENTITY.${string}`, message: string) =>
    new IdentityError(code, 'precondition', message),
};
