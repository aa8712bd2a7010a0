import { argon2id, hash, verify, type HashOptions } from 'argon2';
import { generateKeyPairSync, sign, verify as verifySignature } from 'node:crypto';
import { perSecond, round } from '../measure';

/**
 * What the same machine does without the service around it, measured in the same run: one
 * argon2id verification with the benchmark's parameters (the floor of a sign-in's cost on one
 * core), and raw Ed25519 signature checks through node:crypto (the ceiling of verification).
 */
export async function physicalLimits(argon2: {
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}) {
  const options: HashOptions = {
    type: argon2id,
    memoryCost: argon2.memoryKiB,
    timeCost: argon2.timeCost,
    parallelism: argon2.parallelism,
  };
  const stored = await hash('a password of some length', options);
  const rounds = 20;
  let started = performance.now();
  for (let index = 0; index < rounds; index += 1) await verify(stored, 'a password of some length');
  const argon2idVerifyMs = (performance.now() - started) / rounds;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const message = Buffer.alloc(600, 1);
  const signature = sign(null, message, privateKey);
  const checks = 20_000;
  started = performance.now();
  for (let index = 0; index < checks; index += 1)
    verifySignature(null, message, publicKey, signature);
  return {
    argon2idVerifyMs: round(argon2idVerifyMs, 1),
    signInsPerSecPerCoreCeiling: round(1000 / argon2idVerifyMs, 1),
    rawEd25519VerifiesPerSecOneCore: perSecond(checks, (performance.now() - started) / 1000),
  };
}
