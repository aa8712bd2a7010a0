import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: { args?: Record<string, unknown> };
  healthcheck?: { test?: unknown; disable?: boolean };
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: unknown[];
}

const root = path.resolve(__dirname, '..');
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };
const services = Object.entries(compose.services);

const serviceEnv = ['HOST', 'PORT', 'LOG_LEVEL', 'DATABASE_URL', 'KAFKA_BROKERS'];
const otelEnv = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME'];
const appEnv: Record<string, string[]> = {
  identity: [...serviceEnv, 'IDENTITY_KEY_ENCRYPTION_KEY', ...otelEnv],
  journal: [...serviceEnv, 'MONGO_URL', ...otelEnv],
  diary: [...serviceEnv, 'MONGO_URL', ...otelEnv],
  archive: [...serviceEnv, 'MONGO_URL', ...otelEnv],
};

function composeSchema(): object {
  try {
    const schemaPath = execFileSync(path.join(root, 'tools/compose-schema.sh'), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
    return JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    throw new Error(
      `Cannot load the Compose Specification schema through tools/compose-schema.sh:\n${stderr || String(error)}`,
    );
  }
}

function environmentOf(service: ComposeService): Record<string, unknown> {
  const environment = service.environment ?? {};
  if (!Array.isArray(environment)) return environment;
  return Object.fromEntries(environment.map((entry) => entry.split(/=(.*)/s, 2)));
}

describe('docker-compose.yml', () => {
  it('is valid under the Compose Specification schema', () => {
    // Strict mode would lint the schema itself, which is not ours to change.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(composeSchema());
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each(services)('%s has an image or a build, and a healthcheck', (_name, service) => {
    expect(service.image ?? service.build).toBeDefined();
    expect(service.healthcheck?.test).toBeDefined();
    expect(service.healthcheck?.disable).not.toBe(true);
  });

  it.each(services.filter(([, service]) => service.depends_on))(
    '%s waits for its dependencies to be healthy',
    (_name, service) => {
      expect(Array.isArray(service.depends_on)).toBe(false);
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ dependency, condition }).toEqual({ dependency, condition: 'service_healthy' });
        expect(Object.keys(compose.services)).toContain(dependency);
      }
    },
  );

  it.each(Object.entries(appEnv))('%s gets the environment it needs', (name, variables) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    const environment = environmentOf(service ?? {});
    expect(Object.keys(environment)).toEqual(expect.arrayContaining(variables));
    expect(environment['OTEL_SERVICE_NAME']).toBe(name);
  });

  it.each(Object.keys(appEnv))(
    '%s is built for, and published on, the port it listens on',
    (name) => {
      const service = compose.services[name] ?? {};
      const port = String(environmentOf(service)['PORT']);
      expect(service.build?.args).toMatchObject({ SERVICE: name, PORT: port });
      expect(service.ports).toContain(`${port}:${port}`);
    },
  );
});
