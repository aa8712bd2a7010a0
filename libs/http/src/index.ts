export { createHttpApp, jsonLogger, startService } from './bootstrap-service';
export type { ServiceOptions } from './bootstrap-service';
export {
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_KEY_REQUIRED,
  idempotencyKeyOf,
  INVALID_IDEMPOTENCY_KEY,
  RequireIdempotencyKey,
  requiresIdempotencyKey,
} from './idempotency/idempotency-key';
export {
  ApiProblem,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  openApiSchema,
} from './openapi/openapi';
export {
  buildOpenApiDocument,
  serveOpenApi,
  type OpenApiInfo,
  type OpenApiOptions,
  type RouteAccess,
} from './openapi/openapi-document';
export { problemDetails, type ProblemDoc } from './openapi/problem-responses';
export { registeredRoutes, routeMetadata, type RegisteredRoute } from './openapi/registered-routes';
export {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  PreconditionFailedProblem,
  PreconditionRequiredProblem,
  Problem,
  ServiceUnavailableProblem,
  TooManyRequestsProblem,
  UnauthorizedProblem,
  UnprocessableProblem,
  ValidationProblem,
  type FieldError,
} from './problems/problem';
export {
  PROBLEM_CONTENT_TYPE,
  ProblemDetailsFilter,
  problemType,
} from './problems/problem-details.filter';
export { ATTR_PROBLEM_CODE, traceRequests } from './tracing/request-tracing';
export {
  toPointer,
  ZodValidationPipe,
  zodPipe,
  type LocatedFieldError,
} from './validation/zod-validation.pipe';
export { problemOfKind, type RefusalKind } from './problems/problem-of-kind';
export { TranslateErrorsInterceptor } from './problems/translate-errors.interceptor';
