import { createHttpApp } from '@ejournal/http';
import { Controller, Get, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from './access-token';
import { AuthModule } from './auth.module';
import type { DeniedAccess } from './authz-audit';
import { CurrentPrincipal, Public, RequireGrant, scopeFrom } from './decorators';
import type { Grant } from './grants';
import { localJwks } from './key-sources';
import { signTestToken, TEST_AUDIENCE, TEST_ISSUER, testKey, type TestKey } from './test-keys';
import { notFound } from './unseen';

const TAKEN = { kind: 'conflict', code: 'TEST.ALREADY_TAKEN', detail: 'The id is taken' } as const;

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

  @Post('pupils/:pupilId/registration')
  @RequireGrant('head', scopeFrom.resourceParam('pupil', 'pupilId', { unseen: TAKEN }))
  register() {
    return { ok: true };
  }

  @Post('classes/:classId/pupils')
  @RequireGrant(
    'head',
    scopeFrom.all(scopeFrom.classParam(), scopeFrom.bodyResource('pupil', 'pupilIds')),
  )
  place() {
    return { ok: true };
  }

  @Get('health/live')
  live() {
    return { live: true };
  }
}

const denials: DeniedAccess[] = [];
const CLASSES: Record<string, string> = {
  'class-7a': 'school-1',
  'class-7b': 'school-1',
  'class-9b': 'school-2',
};
/** Pupils and the schools they lie in (a pupil nobody placed lies only in the region). */
/** Pupils the service does not know, though a request claims them for school-1. */
const CLAIMED = new Set(['pupil-claimed']);
const PUPILS: Record<string, string[]> = {
  'pupil-a': ['school-1'],
  'pupil-b': ['school-2'],
  'pupil-ab': ['school-2', 'school-1'],
};

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
          unseen: {
            school: notFound('TEST.UNKNOWN_SCHOOL', 'No such school'),
            class: notFound('TEST.UNKNOWN_CLASS', 'No such class'),
            pupil: notFound('TEST.UNKNOWN_PUPIL', 'No such pupil'),
          },
          resolver: {
            complete: async (target) => {
              const [schoolId, ...alsoInSchools] =
                target.resource?.kind === 'pupil' ? (PUPILS[target.resource.id] ?? []) : [];
              if (target.resource && CLAIMED.has(target.resource.id))
                return { regionId: 'region-91', schoolId: 'school-1', ...target, unknown: true };
              return {
                regionId: 'region-91',
                ...(target.classId ? { schoolId: CLASSES[target.classId] } : {}),
                ...(schoolId ? { schoolId, alsoInSchools } : {}),
                ...target,
              };
            },
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

  it('answers a school the caller holds nothing in as an unknown one (404), and audits it', async () => {
    const grants: Grant[] = [{ role: 'teacher', scope: { kind: 'school', id: 'school-1' } }];
    const denied = await call('/schools/school-2/calendar', grants);
    expect(denied).toMatchObject({ status: 404, body: { code: 'TEST.UNKNOWN_SCHOOL' } });
    expect(denials).toEqual([
      expect.objectContaining({
        subject: 'person-5',
        reason: 'AUTH.OUT_OF_SCOPE',
        answered: 'TEST.UNKNOWN_SCHOOL',
        url: '/schools/school-2/calendar',
        target: { regionId: 'region-91', schoolId: 'school-2' },
      }),
    ]);
    const unknown = await call('/schools/school-x/calendar', grants);
    expect({ ...unknown.body, instance: null }).toEqual({ ...denied.body, instance: null });
  });

  it('answers 403 AUTH.ROLE_REQUIRED when no grant has a required role', async () => {
    const grants: Grant[] = [{ role: 'pupil', scope: { kind: 'school', id: 'school-1' } }];
    expect(await call('/schools/school-1/calendar', grants)).toMatchObject({
      status: 403,
      body: { code: 'AUTH.ROLE_REQUIRED' },
    });
    expect(denials).toHaveLength(1);
  });

  it('checks class scopes: its own class passes, another of its school is 403, of another school 404', async () => {
    const grants: Grant[] = [
      { role: 'class_teacher', scope: { kind: 'class', id: 'class-7a', schoolId: 'school-1' } },
    ];
    expect((await call('/classes/class-7a/roster', grants)).status).toBe(200);
    expect(await call('/classes/class-7b/roster', grants)).toMatchObject({
      status: 403,
      body: { code: 'AUTH.OUT_OF_SCOPE' },
    });
    expect(await call('/classes/class-9b/roster', grants)).toMatchObject({
      status: 404,
      body: { code: 'TEST.UNKNOWN_CLASS' },
    });
  });

  it('treats stacked requirements as alternatives', async () => {
    const head: Grant[] = [{ role: 'head', scope: { kind: 'school', id: 'school-2' } }];
    expect((await call('/classes/class-9b/roster?schoolId=school-2', head)).status).toBe(200);
    expect((await call('/classes/class-9b/roster?schoolId=school-1', head)).status).toBe(404);
  });

  it('lets a region grant reach a route without a scope function, and no school grant', async () => {
    const auditor: Grant[] = [{ role: 'auditor', scope: { kind: 'region', id: 'region-91' } }];
    const schoolAuditor: Grant[] = [{ role: 'auditor', scope: { kind: 'school', id: 'school-1' } }];
    expect((await call('/region/report', auditor)).status).toBe(200);
    expect(await call('/region/report', schoolAuditor)).toMatchObject({
      status: 403,
      body: { code: 'AUTH.OUT_OF_SCOPE' },
    });
  });

  describe('a rule naming several targets (path and body)', () => {
    const post = async (url: string, body: unknown, grants: Grant[]) => {
      const token = await signTestToken(key, { claims: { sub: 'person-5', grants } });
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}` },
        payload: body as object,
      });
      return { status: response.statusCode, body: response.json() };
    };
    const headOf1: Grant[] = [{ role: 'head', scope: { kind: 'school', id: 'school-1' } }];

    it('passes when every id of the body lies in the caller’s school', async () => {
      expect(
        (await post('/classes/class-7a/pupils', { pupilIds: ['pupil-a'] }, headOf1)).status,
      ).toBe(201);
    });

    it('answers a pupil of another school in the body as unknown, naming it in the audit', async () => {
      const denied = await post(
        '/classes/class-7a/pupils',
        { pupilIds: ['pupil-a', 'pupil-b'] },
        headOf1,
      );
      expect(denied).toMatchObject({ status: 404, body: { code: 'TEST.UNKNOWN_PUPIL' } });
      expect(denials).toEqual([
        expect.objectContaining({
          target: expect.objectContaining({
            resource: { kind: 'pupil', id: 'pupil-b' },
            schoolId: 'school-2',
          }),
        }),
      ]);
    });

    it('answers an id that lies nowhere (unknown) exactly as one of another school', async () => {
      const unknown = await post('/classes/class-7a/pupils', { pupilIds: ['pupil-x'] }, headOf1);
      const foreign = await post('/classes/class-7a/pupils', { pupilIds: ['pupil-b'] }, headOf1);
      expect(unknown).toEqual(foreign);
      expect(unknown.status).toBe(404);
    });

    it('answers the caller’s pupil under another school’s class in the path: the class is unknown', async () => {
      expect(
        await post('/classes/class-9b/pupils', { pupilIds: ['pupil-a'] }, headOf1),
      ).toMatchObject({ status: 404, body: { code: 'TEST.UNKNOWN_CLASS' } });
    });

    it('answers an id the service does not know as unknown, even where the request puts it in the caller’s school', async () => {
      const teacherOf1: Grant[] = [{ role: 'teacher', scope: { kind: 'school', id: 'school-1' } }];
      const claimed = await post('/pupils/pupil-claimed/registration', {}, [
        ...teacherOf1,
        { role: 'head', scope: { kind: 'school', id: 'school-2' } },
      ]);
      expect(claimed).toMatchObject({ status: 409, body: { code: 'TEST.ALREADY_TAKEN' } });
      // Covered where the request puts it: a thing being created with a chosen id.
      expect((await post('/pupils/pupil-claimed/registration', {}, headOf1)).status).toBe(201);
    });

    it('answers with the route’s own refusal where it names one (a taken id: 409)', async () => {
      const taken = await post('/pupils/pupil-b/registration', {}, headOf1);
      expect(taken).toMatchObject({ status: 409, body: { code: 'TEST.ALREADY_TAKEN' } });
      expect((await post('/pupils/pupil-a/registration', {}, headOf1)).status).toBe(201);
    });

    it('answers 403 ROLE_REQUIRED to a caller with none of the roles, whatever the ids', async () => {
      const pupil: Grant[] = [{ role: 'pupil', scope: { kind: 'school', id: 'school-1' } }];
      for (const pupilIds of [['pupil-a'], ['pupil-b'], ['pupil-x']])
        expect(await post('/classes/class-7a/pupils', { pupilIds }, pupil)).toMatchObject({
          status: 403,
          body: { code: 'AUTH.ROLE_REQUIRED' },
        });
    });

    it('accepts a target lying in several schools when any of them is the caller’s', async () => {
      expect(
        (await post('/classes/class-7a/pupils', { pupilIds: ['pupil-ab'] }, headOf1)).status,
      ).toBe(201);
    });

    it('lets grants over both schools (a municipal operator’s) cover targets in each', async () => {
      const both: Grant[] = [
        ...headOf1,
        { role: 'head', scope: { kind: 'school', id: 'school-2' } },
      ];
      expect((await post('/classes/class-7a/pupils', { pupilIds: ['pupil-b'] }, both)).status).toBe(
        201,
      );
    });

    it('ignores a body field that is not an id (validation refuses it later)', async () => {
      expect((await post('/classes/class-7a/pupils', { pupilIds: 42 }, headOf1)).status).toBe(201);
    });
  });
});
