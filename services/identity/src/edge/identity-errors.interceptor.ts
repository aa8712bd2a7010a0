import { problemOfKind, TranslateErrorsInterceptor } from '@ejournal/http';
import { IdentityError } from '@ejournal/identity-domain';

/** The domain's refusals become problem details; the one filter in libs/http sends them. */
export const identityErrors = new TranslateErrorsInterceptor((error) =>
  error instanceof IdentityError ? problemOfKind(error.kind, error.code, error.message) : error,
);
