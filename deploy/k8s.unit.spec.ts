import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

interface Probe {
  httpGet?: { path?: string; port?: string | number };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

interface Container {
  name: string;
  image?: string;
  command?: string[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
}

type Labels = Record<string, string>;

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Labels };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    selector?: { matchLabels?: Labels } & Labels;
    scaleTargetRef?: { apiVersion: string; kind: string; name: string };
    topicName?: string;
    replicas?: number;
    bootstrap?: { initdb?: { owner?: string } };
    managed?: { roles?: { name: string; createrole?: boolean }[] };
    metrics?: { type: string }[];
    config?: Record<string, unknown>;
    podSelector?: { matchLabels?: Labels };
    policyTypes?: string[];
    ingress?: unknown[];
    template?: {
      metadata?: { labels?: Labels };
      spec: {
        securityContext?: { runAsNonRoot?: boolean };
        topologySpreadConstraints?: unknown[];
        containers: Container[];
      };
    };
  };
}

const k8sDir = path.resolve(__dirname, 'k8s');
const read = (file: string) => readFileSync(path.join(k8sDir, file), 'utf8');
const kustomization = parse(read('kustomization.yaml')) as { resources?: string[] };
const manifestFiles = readdirSync(k8sDir).filter(
  (file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml',
);
const manifests: Manifest[] = manifestFiles.flatMap((file) =>
  parseAllDocuments(read(file)).map((document) => {
    if (document.errors.length) throw new Error(`${file}: ${document.errors.join('\n')}`);
    return { file, ...(document.toJS() as Omit<Manifest, 'file'>) };
  }),
);

const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const named = (kind: string, name: string) =>
  ofKind(kind).find((manifest) => manifest.metadata.name === name);
const containersOf = (deployment: Manifest) => deployment.spec?.template?.spec.containers ?? [];
const selects = (selector: Labels | undefined, labels: Labels | undefined) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);

const SERVICES = ['identity', 'journal', 'diary', 'archive'];
const WITH_MONGO = ['journal', 'diary', 'archive'];
const TOPICS = [
  'ejournal.identity.events.v1',
  'ejournal.journal.events.v1',
  'ejournal.diary.notifications.v1',
  'ejournal.archive.events.v1',
];

describe('deploy/k8s', () => {
  it('lists exactly the manifest files in kustomization.yaml', () => {
    const resources = kustomization.resources ?? [];
    for (const resource of resources) expect(existsSync(path.join(k8sDir, resource))).toBe(true);
    expect([...resources].sort()).toEqual([...manifestFiles].sort());
  });

  it('has kind, apiVersion and a name in every document', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const { file, kind, apiVersion, metadata } of manifests) {
      expect({ file, kind, apiVersion, name: metadata?.name }).toEqual({
        file,
        kind: expect.any(String),
        apiVersion: expect.any(String),
        name: expect.any(String),
      });
    }
  });

  it('commits no secret values', () => {
    const withValues = ofKind('Secret').filter((secret) => secret.data || secret.stringData);
    expect(withValues.map((secret) => secret.metadata.name)).toEqual([]);
  });

  describe.each(ofKind('Deployment').map((deployment) => [deployment.metadata.name, deployment]))(
    'Deployment %s',
    (_name, deployment) => {
      const pod = deployment.spec?.template?.spec;

      it('spreads its pods over the topology', () => {
        expect(pod?.topologySpreadConstraints?.length).toBeGreaterThan(0);
      });

      it.each(containersOf(deployment).map((container) => [container.name, container]))(
        'container %s has probes, requests, limits and a locked-down security context',
        (_container, container) => {
          for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
            expect({ probe, defined: container[probe] !== undefined }).toEqual({
              probe,
              defined: true,
            });
          }
          expect(container.resources?.requests).toEqual(
            expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
          );
          expect(container.resources?.limits).toEqual(
            expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
          );
          expect(
            container.securityContext?.runAsNonRoot ?? pod?.securityContext?.runAsNonRoot,
          ).toBe(true);
          expect(container.securityContext).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          });
        },
      );
    },
  );

  describe.each(SERVICES)('%s', (service) => {
    const deployment = named('Deployment', service);
    const podLabels = deployment?.spec?.template?.metadata?.labels;
    const container = deployment && containersOf(deployment)[0];

    it('has a Deployment whose probes use the health endpoints', () => {
      expect(container?.startupProbe?.httpGet?.path).toBe('/health/live');
      expect(container?.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container?.readinessProbe?.httpGet?.path).toBe('/health/ready');
    });

    it('has a Service, an autoscaling/v2 HPA and a PodDisruptionBudget for its pods', () => {
      expect(selects(named('Service', service)?.spec?.selector, podLabels)).toBe(true);
      const hpa = named('HorizontalPodAutoscaler', service);
      expect(hpa?.apiVersion).toBe('autoscaling/v2');
      expect(hpa?.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: service });
      const pdb = named('PodDisruptionBudget', service);
      expect(selects(pdb?.spec?.selector?.matchLabels, podLabels)).toBe(true);
    });

    it('takes connection strings from Secrets of clusters declared here', () => {
      const env = container?.env ?? [];
      const urls = ['DATABASE_URL', ...(WITH_MONGO.includes(service) ? ['MONGO_URL'] : [])];
      for (const name of urls) {
        const variable = env.find((candidate) => candidate.name === name);
        expect({ name, value: variable?.value, ref: variable?.valueFrom?.secretKeyRef }).toEqual({
          name,
          value: undefined,
          ref: { name: expect.any(String), key: expect.any(String) },
        });
      }
      const databaseSecret = env.find((v) => v.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
      expect(named('Cluster', databaseSecret?.name.replace(/-service$/, '') ?? '')).toBeDefined();
    });

    it('has a migration Job that logs in as the database owner, which may create roles', () => {
      const job = named('Job', `${service}-migrate`);
      const migrate = job && containersOf(job)[0];
      const jobSecret = migrate?.env?.find((v) => v.name === 'DATABASE_URL')?.valueFrom
        ?.secretKeyRef;
      const appSecret = container?.env?.find((v) => v.name === 'DATABASE_URL')?.valueFrom
        ?.secretKeyRef;
      expect(migrate?.image).toBe(`ejournal/${service}`);
      expect(migrate?.command?.slice(0, 3)).toEqual([
        'node',
        'dist/libs/event-store/src/migrations/migrate.cli.js',
        `dist/services/${service}/migrations`,
      ]);
      // CloudNativePG keeps the owner's credentials in <cluster>-app; the pods get another login.
      const cluster = named('Cluster', `${service}-db`);
      expect(jobSecret).toEqual({ name: `${service}-db-app`, key: 'uri' });
      expect(appSecret?.name).not.toBe(jobSecret?.name);
      const owner = cluster?.spec?.bootstrap?.initdb?.owner;
      expect(cluster?.spec?.managed?.roles).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: owner, createrole: true })]),
      );
    });

    it('scales on a metric of its load besides CPU', () => {
      const metrics = named('HorizontalPodAutoscaler', service)?.spec?.metrics ?? [];
      expect(metrics.map((metric) => metric.type)).toEqual(
        expect.arrayContaining(['Resource', expect.stringMatching(/^(Pods|External)$/)]),
      );
    });

    it('reads the shared settings from a ConfigMap declared here', () => {
      const configMaps = (container?.envFrom ?? []).map((source) => source.configMapRef?.name);
      const settings = Object.assign(
        {},
        ...configMaps.map((name) => named('ConfigMap', name ?? '')?.data ?? {}),
      ) as Record<string, string>;
      expect(Object.keys(settings)).toEqual(
        expect.arrayContaining(['KAFKA_BROKERS', 'LOG_LEVEL', 'OTEL_EXPORTER_OTLP_ENDPOINT']),
      );
    });
  });

  it('denies ingress by default', () => {
    const denyAll = ofKind('NetworkPolicy').filter(
      ({ spec }) =>
        Object.keys(spec?.podSelector ?? {}).length === 0 &&
        spec?.policyTypes?.includes('Ingress') &&
        !spec.ingress,
    );
    expect(denyAll).toHaveLength(1);
  });

  it('declares every topic and its dead-letter topic, replicated 3 times with min ISR 2', () => {
    const topics = ofKind('KafkaTopic');
    const names = topics.map((topic) => topic.spec?.topicName ?? topic.metadata.name);
    expect(names).toEqual(expect.arrayContaining(TOPICS.flatMap((t) => [t, `${t}.dlq`])));
    for (const topic of topics) {
      expect({ topic: topic.metadata.name, replicas: topic.spec?.replicas }).toEqual({
        topic: topic.metadata.name,
        replicas: 3,
      });
      expect(topic.spec?.config?.['min.insync.replicas']).toBe(2);
    }
  });

  it('keeps the facts of identity and the journal for good, never compacted', () => {
    for (const name of ['ejournal.identity.events.v1', 'ejournal.journal.events.v1']) {
      const config = named('KafkaTopic', name)?.spec?.config;
      expect({ name, config }).toEqual({
        name,
        config: expect.objectContaining({
          'retention.ms': -1,
          'retention.bytes': -1,
          'cleanup.policy': 'delete',
        }),
      });
    }
  });
});
