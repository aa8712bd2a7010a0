// `npm start` runs this once the services are ready: a demo region through the public APIs only
// (identity: municipalities, schools, calendars, rules, rosters, accounts, a transfer; journal:
// journals of every kind and the school year so far up to today), then prints who can sign in.
// Running it again changes nothing: ids are the demo's own and commands carry stable
// Idempotency-Keys; any refusal that does not mean "already done" stops it loudly.
//   node tools/demo-school.mjs [identity url] [journal url] [state dir]
//   (else IDENTITY_URL, JOURNAL_URL, DEMO_STATE_DIR; defaults 127.0.0.1:3101, :3102, .infra)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { academicYearOf, todayIn } from './demo-calendar.mjs';
import { accounts } from './demo-accounts.mjs';
import { correctEntries, closeEndedPeriods } from './demo-corrections.mjs';
import { client, DemoError, progress } from './demo-http.mjs';
import { seedRosters, seedTenancy } from './demo-identity.mjs';
import { journalsOf, lessonsUpTo, openJournals, recordLessons } from './demo-journal.mjs';
import { seedMove } from './demo-move.mjs';
import { SCHOOLS } from './demo-region.mjs';
import { demoAccounts, printSignIns } from './demo-sign-ins.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [identityArg, journalArg, stateArg] = process.argv.slice(2);
const identityUrl = identityArg ?? process.env.IDENTITY_URL ?? 'http://127.0.0.1:3101';
const journalUrl = journalArg ?? process.env.JOURNAL_URL ?? 'http://127.0.0.1:3102';
const stateDir = stateArg ?? process.env.DEMO_STATE_DIR ?? path.join(root, '.infra');
const passwordsFile = path.join(stateDir, 'demo-passwords.json');

const started = Date.now();
const say = (what) =>
  process.stderr.write(`[demo] ${what} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);

async function main() {
  const today = todayIn();
  const { first, academicYear } = academicYearOf(today);
  const identity = client(identityUrl);
  const people = accounts(identity, passwordsFile);
  const operator = await people.operator(process.env.BOOTSTRAP_OPERATOR_CODE);
  await seedTenancy(identity, operator, first);
  await seedRosters(identity, operator, first);
  say(`region ${academicYear}: ${SCHOOLS.length} schools, calendars, rules, rosters, groups`);

  const tokens = new Map([['operator', operator]]);
  const later = [];
  for (const school of SCHOOLS) {
    const signedIn = await people.ensure(operator, school.schoolId, demoAccounts(school));
    for (const [login, token] of signedIn.tokens) tokens.set(login, token);
    later.push(signedIn.rest);
  }
  const move = await seedMove(identity, operator, first, today, tokens);
  say(
    `accounts signed in: ${tokens.size}; transfer ${move.done ? `on ${move.onDate}` : 'still ahead'}`,
  );
  const rest = (async () => {
    for (const activate of later) await activate();
  })();

  const api = { call: client(journalUrl), tokens };
  const journals = journalsOf(SCHOOLS, first, move);
  await openJournals(api, journals);
  const bar = progress('lessons', lessonsUpTo(journals, today));
  await recordLessons(api, journals, today, bar);
  bar.end();
  const counts = {};
  await correctEntries(api, journals, today, counts);
  await closeEndedPeriods(api, journals, today, move, counts);
  await rest;
  people.save();
  say('done');
  printSignIns({
    journals,
    counts,
    move,
    passwordOf: people.passwordOf,
    identityUrl,
    journalUrl,
    passwordsFile,
    started,
  });
}

main().catch((error) => {
  process.stderr.write(
    `\n[demo] failed: ${error instanceof DemoError ? error.message : error.stack}\n`,
  );
  process.exit(1);
});
