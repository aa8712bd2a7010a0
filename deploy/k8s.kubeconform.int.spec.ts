import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

// kubeconform and its schemas are built from the registries once, then cached under .infra
// (tools/kubeconform/kubeconform.sh): the first run on a fresh machine takes about a minute.
const PREPARE_MS = 10 * 60_000;
const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'tools/kubeconform/kubeconform.sh');
const K8S = path.join(__dirname, 'k8s');

interface Resource {
  filename: string;
  kind: string;
  name: string;
  status: string;
  validationErrors?: { path: string; msg: string }[];
}
interface Report {
  resources: Resource[];
  summary: { valid: number; invalid: number; errors: number; skipped: number };
}

function kubeconform(...targets: string[]): Report {
  const run = spawnSync('bash', [SCRIPT, ...targets], { cwd: ROOT, encoding: 'utf8' });
  if (!run.stdout.trim()) throw new Error(`kubeconform printed nothing:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Report;
}

const documents = readdirSync(K8S)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map(
      (document) => document.toJS() as { kind: string },
    ),
  );

const MISTAKES = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: misspelt }
spec:
  replica: 2
  selector: { matchLabels: { app: misspelt } }
  template:
    metadata: { labels: { app: misspelt } }
    spec: { containers: [{ name: app, image: app }] }
---
apiVersion: batch/v1
kind: Job
metadata: { name: wrong-type }
spec:
  backoffLimit: three
  template: { spec: { restartPolicy: Never, containers: [{ name: app, image: app }] } }
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: { name: misspelt-db }
spec:
  instances: 3
  storage: { sise: 1Gi }
---
apiVersion: kafka.strimzi.io/v1
kind: KafkaTopic
metadata: { name: wrong-type-topic }
spec: { partitions: twelve, replicas: 3 }
`;

describe('deploy/k8s against the Kubernetes, CloudNativePG and Strimzi schemas (kubeconform)', () => {
  beforeAll(() => {
    const prepared = spawnSync('bash', [SCRIPT, 'prepare'], { cwd: ROOT, encoding: 'utf8' });
    if (prepared.status !== 0) throw new Error(`kubeconform prepare failed:\n${prepared.stderr}`);
  }, PREPARE_MS);

  it('finds every manifest valid, strictly, with none skipped but the Kustomization', () => {
    const report = kubeconform(K8S);
    const problems = report.resources
      .filter((resource) => resource.status !== 'statusValid' && resource.kind !== 'Kustomization')
      .map(({ filename, kind, name, status, validationErrors }) => ({
        at: `${filename} ${kind}/${name}`,
        status,
        validationErrors,
      }));
    expect(problems).toEqual([]);
    const manifests = documents.filter((document) => document.kind !== 'Kustomization');
    expect(report.summary).toEqual({
      valid: manifests.length,
      invalid: 0,
      errors: 0,
      skipped: 1,
    });
    const kinds = new Set(report.resources.map((resource) => resource.kind));
    for (const kind of ['Deployment', 'Job', 'Cluster', 'Kafka', 'KafkaNodePool', 'KafkaTopic']) {
      expect({ kind, validated: kinds.has(kind) }).toEqual({ kind, validated: true });
    }
  });

  it('refuses misspelt fields and wrong types, in built-in kinds and custom resources', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kubeconform-test-'));
    try {
      writeFileSync(path.join(folder, 'mistakes.yaml'), MISTAKES);
      const report = kubeconform(folder);
      const found = Object.fromEntries(
        report.resources.map((resource) => [
          `${resource.kind}/${resource.name}`,
          (resource.validationErrors ?? []).map((error) => `${error.path}: ${error.msg}`),
        ]),
      );
      expect(report.summary).toMatchObject({ valid: 0, invalid: 4, errors: 0 });
      expect(found['Job/wrong-type']).toEqual([expect.stringMatching(/^\/spec\/backoffLimit: /)]);
      expect(found['Cluster/misspelt-db']).toEqual([
        expect.stringMatching(/^\/spec\/storage: additional properties 'sise' not allowed/),
      ]);
      expect(found['KafkaTopic/wrong-type-topic']).toEqual([
        expect.stringMatching(/^\/spec\/partitions: got string, want integer/),
      ]);
      expect(found['Deployment/misspelt']).toEqual([
        expect.stringMatching(/^\/spec: additional properties 'replica' not allowed/),
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
