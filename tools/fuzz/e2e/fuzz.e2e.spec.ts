import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { uniqueTestName } from '@ejournal/testing';
import { operationsOf, type OpenApiPaths } from '../src/operations';
import { emptyTotals, tally, type Finding } from '../src/verdict';
import { FUZZ_CI, FUZZ_PROFILES } from './fuzz-profiles';
import { sendHostileRequests } from './hostile-requests';
import { startFuzzPlatform, type FuzzPlatform, type FuzzTarget } from './platform';
import { runSchemathesis } from './schemathesis';

const profile = FUZZ_PROFILES[process.env['FUZZ_PROFILE'] ?? 'ci'] ?? FUZZ_CI;
/** HAR files of each run and the totals; not tmp/test-results, which holds Jest's results. */
const RESULTS = path.resolve(__dirname, '../../../tmp/fuzz');

/**
 * Every operation of identity, journal, diary and archive, fuzzed by Schemathesis from the
 * service's own OpenAPI document as a signed-in caller, then sent hand-made hostile requests:
 * no answer may be a 5xx, and every refusal must be an RFC 9457 problem with a stable code.
 * Prints the totals as one JSON line (and writes them to tmp/fuzz/fuzz-totals.json).
 */
describe(`fuzzing every HTTP API (${profile.name})`, () => {
  let platform: FuzzPlatform | undefined;
  const totals = emptyTotals();
  const findings: Finding[] = [];
  const services: Record<
    string,
    Record<'operations' | 'examples' | 'hostile' | 'seconds', number>
  > = {};
  let hostile = 0;
  let toolErrors = 0;

  beforeAll(async () => {
    await rm(RESULTS, { recursive: true, force: true });
    platform = await startFuzzPlatform('fuzz');
  }, 120_000);
  afterAll(() => platform?.stop());

  async function fuzz(on: FuzzPlatform, target: FuzzTarget): Promise<void> {
    const started = Date.now();
    const examplesBefore = totals.examples;
    const response = await fetch(`${target.baseUrl}/openapi.json`);
    const document = (await response.json()) as OpenApiPaths;
    const operations = operationsOf(document, profile.excluded).length;
    totals.operations += operations;
    for (const caller of target.callers.slice(0, profile.callersPerService)) {
      const result = await runSchemathesis({
        service: target.service,
        baseUrl: target.baseUrl,
        token: await on.signIn(caller),
        excluded: profile.excluded,
        known: on.known,
        budget: profile.budget(target.service),
        workDir: path.join(RESULTS, uniqueTestName(`${target.service} ${caller}`)),
      });
      toolErrors += result.toolErrors;
      findings.push(...tally(totals, result.exchanges));
    }
    const exchanges = await sendHostileRequests({
      service: target.service,
      baseUrl: target.baseUrl,
      token: await on.signIn(target.callers[0] ?? 'operator'),
      document,
      excluded: profile.excluded,
    });
    hostile += exchanges.length;
    findings.push(...tally(totals, exchanges));
    services[target.service] = {
      operations,
      examples: totals.examples - examplesBefore,
      hostile: exchanges.length,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  }

  it('answers no request with a 5xx and every refusal with a problem document', async () => {
    const started = Date.now();
    const on = platform as FuzzPlatform;
    for (const target of on.targets) await fuzz(on, target);
    const seconds = Math.round((Date.now() - started) / 1000);
    const summary = { fuzz: profile.name, ...totals, hostile, toolErrors, seconds, services };
    await mkdir(RESULTS, { recursive: true });
    await writeFile(path.join(RESULTS, 'fuzz-totals.json'), `${JSON.stringify(summary)}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);

    expect(findings).toEqual([]);
    expect([totals.serverErrors, totals.nonProblemRefusals]).toEqual([0, 0]);
    // Every service was reached and fuzzed, several cases for each operation.
    expect(Object.keys(services).sort()).toEqual(['archive', 'diary', 'identity', 'journal']);
    const thin = Object.entries(services).filter(([, s]) => s.examples < s.operations * 5);
    expect(thin).toEqual([]);
  });
});
