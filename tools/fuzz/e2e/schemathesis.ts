import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Exchange } from '../src/verdict';

const ROOT = path.resolve(__dirname, '../../..');

/** The `st` command `install-schemathesis.sh` installed. */
const st = () =>
  path.join(process.env['SCHEMATHESIS_VENV'] ?? path.join(ROOT, '.infra/schemathesis'), 'bin/st');

export interface SchemathesisBudget {
  /** Schemathesis's phases: `examples`, `coverage`, `fuzzing`, `stateful`. */
  phases: string[];
  /** Test cases per operation and phase. */
  maxExamples: number;
  /** When set, fuzzing repeats until this many seconds are spent (the long form). */
  maxSeconds?: number;
  seed: number;
}

export interface SchemathesisRun {
  service: string;
  baseUrl: string;
  /** `Authorization: Bearer` of every request (Schemathesis leaves it out where it probes). */
  token: string;
  /** Operations not fuzzed, as `METHOD /path`. */
  excluded: readonly string[];
  /**
   * Ids that exist, by parameter name (`journalId`): half the generated values of a path or
   * query parameter, or a top-level body member, of that name are one of these, so cases get
   * past "not found" into the domain's own checks.
   */
  known: Record<string, readonly string[]>;
  budget: SchemathesisBudget;
  /** Where the HAR report and Hypothesis's files go. */
  workDir: string;
}

export interface SchemathesisResult {
  exchanges: Exchange[];
  /** Schemathesis's own failures to generate or send (not answers of the service). */
  toolErrors: number;
  output: string;
}

/**
 * Schemathesis (`st run`) against one running service, from its own `/openapi.json`: positive
 * and negative cases of every operation, the check that no answer is a 5xx, and a HAR file of
 * every request and answer, which is what the totals are counted from.
 */
export async function runSchemathesis(run: SchemathesisRun): Promise<SchemathesisResult> {
  await mkdir(run.workDir, { recursive: true });
  const har = path.join(run.workDir, `${run.service}.har.json`);
  const config = path.join(run.workDir, 'schemathesis.toml');
  await writeFile(config, configOf(run.known));
  const { budget } = run;
  const args = [
    '--config-file',
    config,
    'run',
    `${run.baseUrl}/openapi.json`,
    '--header',
    `Authorization: Bearer ${run.token}`,
    '--checks',
    'not_a_server_error',
    '--phases',
    budget.phases.join(','),
    '--max-examples',
    String(budget.maxExamples),
    ...(budget.maxSeconds ? ['--max-time', String(budget.maxSeconds)] : []),
    '--seed',
    String(budget.seed),
    '--workers',
    '2',
    '--request-timeout',
    '10',
    '--no-shrink',
    '--generation-database',
    'none',
    '--report',
    'har',
    '--report-har-path',
    har,
    '--no-color',
    ...run.excluded.flatMap((key) => ['--exclude-name', key]),
  ];
  const output = await spawned(args, run.workDir, (budget.maxSeconds ?? 240) + 60);
  // Kept beside the HAR: a runtime error (a timeout, a connection reset) is only told here.
  await writeFile(path.join(run.workDir, 'st-output.txt'), output);
  let text: string;
  try {
    text = await readFile(har, 'utf8');
  } catch {
    throw new Error(`Schemathesis wrote no report for ${run.service}:\n${output.slice(-4000)}`);
  }
  return {
    exchanges: exchangesOf(run.service, JSON.parse(text) as Har),
    toolErrors: Number(/Runtime Error: (\d+)/.exec(output)?.[1] ?? 0),
    output,
  };
}

/** `schemathesis.toml`: a dictionary of known values per name, bound where the name appears. */
function configOf(known: Record<string, readonly string[]>): string {
  const named = Object.entries(known).filter(([, values]) => values.length > 0);
  const dictionaries = named.map(
    ([name, values]) => `[dictionaries.${name}]\nvalues = ${JSON.stringify(values)}\n`,
  );
  const bindings = named.flatMap(([name]) =>
    ['path', 'query', 'body'].map(
      (place) => `"${place}.${name}" = { dictionary = "${name}", probability = 0.5 }`,
    ),
  );
  return `${dictionaries.join('\n')}\n[parameters]\n${bindings.join('\n')}\n`;
}

interface Har {
  log: {
    entries: {
      request: { method: string; url: string };
      response: {
        status: number;
        headers: { name: string; value: string }[];
        content?: { text?: string };
      };
    }[];
  };
}

function exchangesOf(service: string, har: Har): Exchange[] {
  return har.log.entries.map(({ request, response }) => ({
    service,
    method: request.method,
    url: request.url,
    status: response.status,
    contentType:
      response.headers.find((header) => header.name.toLowerCase() === 'content-type')?.value ?? '',
    body: response.content?.text ?? '',
  }));
}

/** Runs `st` to its end, or kills it (its own process, by id) past the deadline. */
function spawned(args: string[], cwd: string, deadlineSeconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(st(), args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineSeconds * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(`${st()} did not start (bash tools/fuzz/install-schemathesis.sh): ${error}`),
      );
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}
