import { DynamicModule, Global, Module, type InjectionToken } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_PUBLIC_PATHS, AuthGuard, UNSEEN_ANSWERS } from './auth.guard';
import { AUTHZ_AUDIT, LoggingAuthzAudit, type AuthzAudit } from './authz-audit';
import { SCOPE_RESOLVER, regionResolver, type ScopeResolver } from './scope-resolver';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';
import type { UnseenAnswers } from './unseen';

export interface AuthSetup {
  verifier: TokenVerifierOptions;
  /** The deployment's region: targets that name no region lie in it. */
  regionId: string;
  resolver?: ScopeResolver;
  /**
   * How the service answers an unknown id of each kind; the guard answers ids the caller
   * cannot see the same way (`AUTH.NOT_FOUND` for a kind not listed).
   */
  unseen?: UnseenAnswers;
  audit?: AuthzAudit;
  /** Paths that need no token besides `@Public()` routes (health checks by default). */
  publicPaths?: string[];
}

export interface AuthModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: InjectionToken[];
  useFactory: (...dependencies: never[]) => AuthSetup | Promise<AuthSetup>;
}

const AUTH_SETUP = Symbol('AUTH_SETUP');

/** The health probes: the orchestrator calls them without a token. */
export const DEFAULT_PUBLIC_PATHS: readonly string[] = ['/health/live', '/health/ready'];

/** Installs the guard on every route of the application; `@Public()` opts a route out. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(setup: AuthSetup): DynamicModule {
    return AuthModule.forRootAsync({ useFactory: () => setup });
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    const from = <T>(pick: (setup: AuthSetup) => T) => ({
      inject: [AUTH_SETUP],
      useFactory: pick,
    });
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        { provide: AUTH_SETUP, inject: options.inject ?? [], useFactory: options.useFactory },
        { provide: TokenVerifier, ...from((setup) => new TokenVerifier(setup.verifier)) },
        {
          provide: SCOPE_RESOLVER,
          ...from((setup) => setup.resolver ?? regionResolver(setup.regionId)),
        },
        { provide: AUTHZ_AUDIT, ...from((setup) => setup.audit ?? new LoggingAuthzAudit()) },
        {
          provide: AUTH_PUBLIC_PATHS,
          ...from((setup) => setup.publicPaths ?? DEFAULT_PUBLIC_PATHS),
        },
        { provide: UNSEEN_ANSWERS, ...from((setup) => setup.unseen ?? {}) },
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [TokenVerifier, SCOPE_RESOLVER, AUTHZ_AUDIT],
    };
  }
}
