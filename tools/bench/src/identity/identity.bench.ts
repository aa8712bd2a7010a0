import { remoteJwks, TokenVerifier } from '@ejournal/auth';
import { availableParallelism, loadavg } from 'node:os';
import { percentile, perSecond, round, runConcurrently } from '../measure';
import { caller, loginOf, passwordOf, seedTeachers } from './identity-accounts';
import { startBenchIdentity } from './identity-process';
import { openLoop } from './open-loop';
import { physicalLimits } from './physical-limits';

const size = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const log = (message: string) => process.stderr.write(`[bench identity] ${message}\n`);
const BOOTSTRAP = 'BNCH-BOOT-CODE';
const ARGON2 = { memoryKiB: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Sign-in over HTTP against the built service with argon2id at m = 19 MiB, t = 2: the p99 at
 * the target load (20 sign-ins/s per core, open loop) and the saturated rate per core; then
 * access-token verification in libs/auth against the service's JWKS, on one core.
 */
export async function benchIdentity() {
  const cores = availableParallelism();
  const loadBefore = round(loadavg()[0] ?? 0, 2);
  log('measuring argon2id and Ed25519 alone');
  const limits = await physicalLimits(ARGON2);
  const accounts = size('BENCH_IDENTITY_ACCOUNTS', 50);
  const seconds = size('BENCH_SIGNIN_SECONDS', 15);
  const verifies = size('BENCH_VERIFIES', 50_000);
  const service = await startBenchIdentity({
    BOOTSTRAP_OPERATOR_CODE: BOOTSTRAP,
    ARGON2_MEMORY_KIB: String(ARGON2.memoryKiB),
    ARGON2_TIME_COST: String(ARGON2.timeCost),
    ARGON2_PARALLELISM: String(ARGON2.parallelism),
    SIGN_IN_PER_IP_PER_MINUTE: '10000',
  });
  try {
    const call = caller(service.baseUrl);
    log(`seeding ${accounts} accounts`);
    await seedTeachers(call, BOOTSTRAP, accounts);
    const signIn = (index: number) =>
      call('POST', '/auth/sign-in', {
        login: loginOf(index % accounts),
        password: passwordOf(index % accounts),
      });
    await runConcurrently(cores, 2 * cores, (index) => signIn(index).then(() => undefined));
    const rate = 20 * cores;
    log(`open loop: ${rate} sign-ins/s for ${seconds} s`);
    const paced = await openLoop(rate, seconds, signIn);
    log(`closed loop: saturating with ${4 * cores} clients`);
    const saturated = await runConcurrently(4 * cores, rate * 5, (index) =>
      signIn(index).then(() => undefined),
    );
    const tokens = await Promise.all(
      Array.from(
        { length: accounts },
        async (_, index) => (await signIn(index)).body.access_token as string,
      ),
    );
    const verifierOf = (cacheEntries: number) =>
      new TokenVerifier({
        keys: remoteJwks(`${service.baseUrl}/.well-known/jwks.json`),
        issuer: 'ejournal-identity',
        audience: 'ejournal',
        cacheEntries,
      });
    const verifyAll = async (verifier: TokenVerifier) => {
      await verifier.verify(tokens[0] ?? '');
      return runConcurrently(4 * cores, verifies, (index) =>
        verifier.verify(tokens[index % tokens.length] ?? '').then(() => undefined),
      );
    };
    log(
      `verifying ${verifies} tokens, ${4 * cores} at a time as concurrent requests would: every signature, then repeated tokens`,
    );
    const cold = await verifyAll(verifierOf(0));
    const warm = await verifyAll(verifierOf(5000));
    return {
      signIn: {
        perSecPerCore: round(perSecond(saturated.latenciesMs.length, saturated.seconds) / cores, 1),
        p99Ms: percentile(paced.latenciesMs, 99),
        p50Ms: percentile(paced.latenciesMs, 50),
        offeredPerSec: rate,
        achievedPerSec: perSecond(paced.latenciesMs.length, paced.seconds),
        failures: paced.failures,
        cores,
        argon2id: ARGON2,
      },
      verify: {
        perSec: perSecond(verifies, cold.seconds),
        repeatedTokenPerSec: perSecond(verifies, warm.seconds),
        algorithm: 'EdDSA (Ed25519)',
        concurrency: 4 * cores,
      },
      limits,
      loadAverageBefore: loadBefore,
      targets: { signInP99Ms: 250, signInPerSecPerCore: 20, verifyPerSec: 5000 },
    };
  } finally {
    await service.stop();
  }
}
