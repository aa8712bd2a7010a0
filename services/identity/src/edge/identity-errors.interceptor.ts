import { isRefusal } from '@ejournal/decider';
import { problemOfKind, TranslateErrorsInterceptor } from '@ejournal/http';

/** The domain's refusals become problem details; the one filter in libs/http sends them. */
export const identityErrors = new TranslateErrorsInterceptor((error) =>
  isRefusal('IDENTITY', error) ? problemOfKind(error.kind, error.code, error.message) : error,
);
