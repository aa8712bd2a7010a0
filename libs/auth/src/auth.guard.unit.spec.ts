import { createHttpApp } from '@ejournal/http';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from './access-token';
import { AuthModule } from './auth.module';
import type { DeniedAccess } from './authz-audit';
import { CurrentPrincipal, Public, RequireGrant, scopeFrom } from './decorators';
import type { Grant } from './grants';
import { localJwks } from './key-sources';
import { signTestToken, TEST_AUDIENCE, TEST_ISSUER, testKey, type TestKey } from './test-keys';

@Controller()
class ProbeController {
  @Public()
  @Get('open')
  open() {
    return { open: true };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return { subject: principal.subject };
  }

  @Get('schools/:schoolId/calendar')
  @RequireGrant(['teacher', 'head'], scopeFrom.schoolParam())
  calendar() {
    return { ok: true };
  }

  @Get('classes/:classId/roster')
  @RequireGrant('class_teacher', scopeFrom.classParam())
  @RequireGrant('head', (request) => ({ schoolId: String(request.query['schoolId']) }))
  roster() {
    return { ok: true };
  }

  @Get('region/report')
  @RequireGrant('auditor')
  report() {
    return { ok: true };
  }

  @Get('health/live')
  live() {
    return { live: true };
  }
}

const denials: DeniedAccess[] = [];
const CLASSES: Record<string, string> = { 'class-7a': 'school-1', 'class-9b': 'school-2' };

describe('AuthGuard', () => {
  let key: TestKey;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    key = await testKey('key-1');
    @Module({
      imports: [
        AuthModule.forRoot({
          verifier: {
            keys: localJwks(() => ({ keys: [key.publicJwk] })),
            issuer: TEST_ISSUER,
            audience: TEST_AUDIENCE,
          },
          regionId: 'region-91',
          audit: { denied: (event) => denials.push(event) },
          resolver: {
            complete: async (target) => ({
              regionId: 'region-91',
              ...(target.classId ? { schoolId: CLASSES[target.classId] } : {}),
              ...target,
            }),
          },
        }),
      ],
      controllers: [ProbeController],
    })
    class ProbeModule {}
    app = await createHttpApp(ProbeModule, { name: 'test', logLevel: 'fatal' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());
  beforeEach(() => (denials.length = 0));

  const call = async (url: string, grants: Grant[] | null) => {
    const headers = grants
      ? {
          authorization: `Bearer ${await signTestToken(key, { claims: { sub: 'person-5', grants } })}`,
        }
      : {};
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json() };
  };

  it('lets public routes and health checks through without a token', async () => {
    expect((await call('/open', null)).status).toBe(200);
    expect((await call('/health/live', null)).status).toBe(200);
  });

  it('answers 401 AUTH.TOKEN_MISSING on any other route without a token', async () => {
    expect(await call('/me', null)).toMatchObject({
      status: 401,
      body: { code: 'AUTH.TOKEN_MISSING' },
    });
  });

  it('answers 401 for a malformed authorization header', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/me',
      headers: { authorization: 'Basic abc' },
    });
    expect(response.statusCode).toBe(401);
  });

  it('exposes the verified principal to handlers', async () => {
    expect(await call('/me', [])).toEqual({ status: 200, body: { subject: 'person-5' } });
  });

  it('allows a role held in the school the route names', async () => {
    const grants: Grant[] = [{ role: 'teacher', scope: { kind: 'school', id: 'school-1' } }];
    expect((await call('/schools/school-1/calendar', grants)).status).toBe(200);
  });

  it('answers 403 AUTH.OUT_OF_SCOPE for another school, and audits it', async () => {
    const grants: Grant[] = [{ role: 'teacher', scope: { kind: 'school', id: 'school-1' } }];
    const denied = await call('/schools/school-2/calendar', grants);
    expect(denied).toMatchObject({ status: 403, body: { code: 'AUTH.OUT_OF_SCOPE' } });
    expect(denials).toEqual([
      expect.objectContaining({
        subject: 'person-5',
        reason: 'AUTH.OUT_OF_SCOPE',
        url: '/schools/school-2/calendar',
        target: { regionId: 'region-91', schoolId: 'school-2' },
      }),
    ]);
  });

  it('answers 403 AUTH.ROLE_REQUIRED when no grant has a required role', async () => {
    const grants: Grant[] = [{ role: 'pupil', scope: { kind: 'school', id: 'school-1' } }];
    expect(await call('/schools/school-1/calendar', grants)).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_REQUIRED' },
    });
    expect(denials).toHaveLength(1);
  });

  it('checks class scopes: its own class passes, another class is 403', async () => {
    const grants: Grant[] = [
      { role: 'class_teacher', scope: { kind: 'class', id: 'class-7a', schoolId: 'school-1' } },
    ];
    expect((await call('/classes/class-7a/roster', grants)).status).toBe(200);
    expect((await call('/classes/class-9b/roster', grants)).status).toBe(403);
  });

  it('treats stacked requirements as alternatives', async () => {
    const head: Grant[] = [{ role: 'head', scope: { kind: 'school', id: 'school-2' } }];
    expect((await call('/classes/class-9b/roster?schoolId=school-2', head)).status).toBe(200);
    expect((await call('/classes/class-9b/roster?schoolId=school-1', head)).status).toBe(403);
  });

  it('lets a region grant reach a route without a scope function, and no school grant', async () => {
    const auditor: Grant[] = [{ role: 'auditor', scope: { kind: 'region', id: 'region-91' } }];
    const schoolAuditor: Grant[] = [{ role: 'auditor', scope: { kind: 'school', id: 'school-1' } }];
    expect((await call('/region/report', auditor)).status).toBe(200);
    expect((await call('/region/report', schoolAuditor)).status).toBe(403);
  });
});
