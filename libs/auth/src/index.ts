export {
  ACCESS_TOKEN_MAX_TTL_SECONDS,
  ACCESS_TOKEN_TYPE,
  SIGNING_ALGORITHM,
  accessClaimsSchema,
  type AccessClaims,
  type Principal,
} from './access-token';
export { AuthGuard } from './auth.guard';
export {
  AuthModule,
  DEFAULT_PUBLIC_PATHS,
  type AuthModuleAsyncOptions,
  type AuthSetup,
} from './auth.module';
export { AUTHZ_AUDIT, LoggingAuthzAudit, type AuthzAudit, type DeniedAccess } from './authz-audit';
export {
  CurrentGrant,
  CurrentPrincipal,
  Public,
  RequireGrant,
  scopeFrom,
  type AuthRequest,
  type GrantRule,
  type ScopeFrom,
} from './decorators';
export {
  ROLES,
  findGrant,
  findGrantsForAll,
  grantSchema,
  grantScopeSchema,
  schoolsWithRole,
  scopeContains,
  type Grant,
  type GrantScope,
  type Role,
  type ScopeTarget,
} from './grants';
export { documentAccess } from './openapi-access';
export { localJwks, remoteJwks, type RemoteJwksOptions } from './key-sources';
export { SCOPE_RESOLVER, regionResolver, type ScopeResolver } from './scope-resolver';
export { ServiceTokenClient, type ServiceTokenClientOptions } from './service-token-client';
export { TokenVerifier, type TokenVerifierOptions } from './token-verifier';
export {
  notFound,
  seesTarget,
  UNKNOWN_TARGET,
  type UnseenAnswer,
  type UnseenAnswers,
} from './unseen';
