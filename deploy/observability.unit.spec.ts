import * as semconv from '@opentelemetry/semantic-conventions';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const OBSERVABILITY = path.join(__dirname, 'observability');
const read = (file: string) => readFileSync(path.join(OBSERVABILITY, file), 'utf8');

/** Every TypeScript source file (not specs) of the libs and the services. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [full] : [];
  });
}
const code = ['libs', 'services']
  .flatMap((top) => sources(path.join(ROOT, top)))
  .map((file) => readFileSync(file, 'utf8'));

const INSTRUMENT =
  /\.create(Histogram|Counter|Gauge|ObservableGauge)\(\s*(?:'([a-z0-9_.]+)'|([A-Z0-9_]+))\s*,\s*\{([^}]*)\}/g;
const UNIT_SUFFIX: Record<string, string> = { ms: '_milliseconds', s: '_seconds', By: '_bytes' };

/**
 * The Prometheus series of each instrument the code creates, named as the collector's
 * prometheus exporter names them: dots to underscores, the unit as a suffix (none for
 * `{annotations}`), `_total` on counters, `_bucket`/`_sum`/`_count` on histograms.
 */
const exported = new Set(
  code.flatMap((text) =>
    [...text.matchAll(INSTRUMENT)].flatMap(([, kind, literal, constant, options]) => {
      const name = literal ?? (semconv as Record<string, unknown>)[constant ?? ''];
      if (typeof name !== 'string') throw new Error(`unknown metric name constant ${constant}`);
      const unit = /unit:\s*'([^']*)'/.exec(options ?? '')?.[1] ?? '';
      const base = name.replace(/\./g, '_') + (UNIT_SUFFIX[unit] ?? '');
      if (kind === 'Histogram') return ['_bucket', '_sum', '_count'].map((s) => base + s);
      return [kind === 'Counter' ? `${base}_total` : base];
    }),
  ),
);
/** Attribute keys of the code's own namespace, which become labels (`ejournal_code`). */
const labels = new Set(
  code.flatMap((text) =>
    [...text.matchAll(/'(ejournal\.[a-z_.]+)':/g)].map(([, key = '']) => key.replace(/\./g, '_')),
  ),
);

const alerts = parse(read('alerts.yaml')) as {
  groups: { rules: { alert: string; expr: string; annotations: { runbook: string } }[] }[];
};
const alertRules = alerts.groups.flatMap((group) => group.rules);
const dashboards = readdirSync(path.join(OBSERVABILITY, 'dashboards')).map(
  (file) =>
    JSON.parse(read(`dashboards/${file}`)) as {
      uid: string;
      panels: { title: string; targets?: { expr: string }[] }[];
    },
);
const panelQueries = dashboards.flatMap((dashboard) =>
  dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
);
const adapter = parse(read('prometheus-adapter.yaml')) as Record<
  'rules' | 'externalRules',
  { seriesQuery: string; metricsQuery: string; name: { as: string } }[]
>;
const adapterRules = [...adapter.rules, ...adapter.externalRules];
const served = new Set(adapterRules.map((rule) => rule.name.as));

const referenced = (expression: string) =>
  [...expression.matchAll(/\b(ejournal_[a-z0-9_]+|http_server_[a-z0-9_]+)\b/g)].map(
    ([, name = '']) => name,
  );
const unknown = (expressions: string[]) =>
  [...new Set(expressions.flatMap(referenced))].filter(
    (name) => !exported.has(name) && !labels.has(name),
  );

describe('observability: dashboards, alerts and autoscaling read the metrics the code exports', () => {
  it('finds the instruments of the code', () => {
    expect([...exported]).toEqual(
      expect.arrayContaining([
        'http_server_request_duration_seconds_bucket',
        'ejournal_relay_lag_milliseconds_bucket',
        'ejournal_relay_events_behind',
        'ejournal_consumer_lag_milliseconds_bucket',
        'ejournal_consumer_offset_lag',
        'ejournal_consumer_messages_total',
        'ejournal_integrity_checkpoint_age_seconds',
        'ejournal_integrity_alarms_total',
      ]),
    );
  });

  it('names only exported metrics in dashboards, alert rules and adapter rules', () => {
    expect(unknown(panelQueries)).toEqual([]);
    expect(unknown(alertRules.map((rule) => rule.expr))).toEqual([]);
    expect(unknown(adapterRules.flatMap((rule) => [rule.seriesQuery, rule.metricsQuery]))).toEqual(
      [],
    );
  });

  it.each([
    ['request latency', 'http_server_request_duration_seconds_bucket'],
    ['relay lag', 'ejournal_relay_lag_milliseconds_bucket'],
    ['consumer lag', 'ejournal_consumer_offset_lag'],
    ['checkpoint age', 'ejournal_integrity_checkpoint_age_seconds'],
  ])('has a dashboard panel and an alert for %s', (_what, metric) => {
    expect(panelQueries.some((query) => referenced(query).includes(metric))).toBe(true);
    expect(alertRules.some((rule) => referenced(rule.expr).includes(metric))).toBe(true);
  });

  it('points every alert at a section of the runbook that exists', () => {
    const runbook = readFileSync(path.join(__dirname, 'README.md'), 'utf8');
    const anchors = new Set(
      [...runbook.matchAll(/^#+ (.+)$/gm)].map(([, heading = '']) =>
        heading
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const rule of alertRules) {
      const anchor = rule.annotations.runbook.replace('deploy/README.md#', '');
      expect({ alert: rule.alert, anchor, exists: anchors.has(anchor) }).toEqual({
        alert: rule.alert,
        anchor,
        exists: true,
      });
    }
  });

  it('scales the Deployments only on metrics the adapter serves', () => {
    const k8s = path.join(__dirname, 'k8s');
    const scaledOn = readdirSync(k8s)
      .filter((file) => file.endsWith('.yaml'))
      .flatMap((file) => parseAllDocuments(readFileSync(path.join(k8s, file), 'utf8')))
      .map((document) => document.toJS())
      .filter((manifest) => manifest?.kind === 'HorizontalPodAutoscaler')
      .flatMap(
        (hpa: { spec: { metrics: Record<string, { metric?: { name: string } }>[] } }) =>
          hpa.spec.metrics,
      )
      .flatMap((metric) => [metric['pods'], metric['external']])
      .flatMap((source) => (source?.metric ? [source.metric.name] : []));
    expect(scaledOn.length).toBeGreaterThan(0);
    expect(scaledOn.filter((name) => !served.has(name))).toEqual([]);
  });

  it('has the collector label metrics with their pod and expose them to Prometheus', () => {
    const collector = parse(read('otel-collector.yaml')) as {
      service: { pipelines: { metrics: { processors: string[]; exporters: string[] } } };
    };
    expect(collector.service.pipelines.metrics.processors).toContain('k8sattributes');
    expect(collector.service.pipelines.metrics.exporters).toEqual(['prometheus']);
  });
});
