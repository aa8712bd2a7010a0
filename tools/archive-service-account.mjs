// `npm start` runs this once identity is ready, before it starts the archive: the archive's
// service account at identity (client credentials: names at print time, disposal acts through
// the journal). Its secret is kept in `<state>/archive-client-secret` (mode 0600) and reused
// while identity still accepts it; when identity does not (the first start, or databases made
// afresh), the regional operator registers the account again, which issues a new secret and
// retires the old one. Prints nothing on stdout; start.sh reads the file.
//   node tools/archive-service-account.mjs   (IDENTITY_URL, DEMO_STATE_DIR, BOOTSTRAP_OPERATOR_CODE)
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { accounts } from './demo-accounts.mjs';
import { client, DemoError, expectStatus } from './demo-http.mjs';

const CLIENT_ID = 'archive';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const identityUrl = process.env.IDENTITY_URL ?? 'http://127.0.0.1:3101';
const stateDir = process.env.DEMO_STATE_DIR ?? path.join(root, '.infra');
const secretFile = path.join(stateDir, 'archive-client-secret');

async function accepted(identity, secret) {
  const json = { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: secret };
  const answer = await identity('POST', '/auth/token', {
    json,
    key: `archive.token.${randomUUID()}`,
  });
  return answer.status === 200;
}

async function main() {
  const identity = client(identityUrl);
  const kept = existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : '';
  if (kept && (await accepted(identity, kept))) {
    process.stderr.write(`[start] archive service account: kept (${secretFile})\n`);
    return;
  }
  const people = accounts(identity, path.join(stateDir, 'demo-passwords.json'));
  const operator = await people.operator(process.env.BOOTSTRAP_OPERATOR_CODE);
  const registered = expectStatus(
    await identity('POST', '/service-accounts', {
      token: operator,
      json: { clientId: CLIENT_ID },
      // A new request each time: a replay of an earlier registration would answer its secret.
      key: `archive.account.${randomUUID()}`,
    }),
    201,
  );
  writeFileSync(secretFile, registered.clientSecret, { mode: 0o600 });
  process.stderr.write(`[start] archive service account: registered (${secretFile})\n`);
}

main().catch((error) => {
  process.stderr.write(
    `[start] archive service account failed: ${error instanceof DemoError ? error.message : error.stack}\n`,
  );
  process.exit(1);
});
