// Accounts of the demo: one-time activation codes for the pending ones, activation with the
// password kept in `<state>/demo-passwords.json`, sign-in for those who write. identity allows
// SIGN_IN_PER_IP_PER_MINUTE attempts a minute from one address (30 unless set; `npm start` sets
// it for the local services and hands it down), so attempts are budgeted, and a 429 waits for
// its Retry-After.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expectStatus, DemoError } from './demo-http.mjs';

const PER_WINDOW = Number(process.env['SIGN_IN_PER_IP_PER_MINUTE'] ?? 30);
const WINDOW_MS = 61_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function accounts(identity, passwordsFile) {
  const passwords = existsSync(passwordsFile)
    ? JSON.parse(readFileSync(passwordsFile, 'utf8'))
    : {};
  const passwordOf = (login) => (passwords[login] ??= `demo-${randomBytes(6).toString('hex')}`);
  const save = () =>
    writeFileSync(passwordsFile, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  const window = { startedAt: 0, used: 0 };

  async function attempt(method, url, json) {
    for (;;) {
      const now = Date.now();
      if (now - window.startedAt >= WINDOW_MS) Object.assign(window, { startedAt: now, used: 0 });
      if (window.used >= PER_WINDOW) {
        await sleep(window.startedAt + WINDOW_MS - now);
        continue;
      }
      window.used += 1;
      const answer = await identity(method, url, { json });
      if (answer.status !== 429) return answer;
      await sleep(Number(answer.headers.get('retry-after') ?? 5) * 1000 + 250);
    }
  }

  const signIn = async (login) =>
    expectStatus(
      await attempt('POST', '/auth/sign-in', { login, password: passwordOf(login) }),
      200,
    ).access_token;

  async function activate(code, login) {
    const password = passwordOf(login);
    save();
    expectStatus(await attempt('POST', '/auth/activate', { code, login, password }), 204);
  }

  return {
    passwordOf,
    save,
    signIn,
    /** The regional operator: signs in, or activates first with the bootstrap code. */
    async operator(bootstrapCode) {
      const login = 'operator';
      if (passwords[login]) {
        const session = await attempt('POST', '/auth/sign-in', {
          login,
          password: passwordOf(login),
        });
        if (session.status === 200) return session.body.access_token;
      }
      if (!bootstrapCode) {
        throw new DemoError('the operator is not active and BOOTSTRAP_OPERATOR_CODE is not set');
      }
      await activate(bootstrapCode, login);
      return signIn(login);
    },
    /**
     * `people`: `{ personId, login, writes }`. Codes come only for pending accounts, so a second
     * run activates nobody. Those who write are activated and signed in now (login → token);
     * `rest()` activates the others, once the attempts of this minute allow.
     */
    async ensure(operator, schoolId, people) {
      const issued = expectStatus(
        await identity('POST', `/schools/${schoolId}/activation-codes`, {
          token: operator,
          json: { personIds: people.map((p) => p.personId) },
          // A new request each run: codes for the accounts pending now, not a replay of the
          // first run's (used) codes.
          key: `demo.codes.${randomUUID()}`,
        }),
        200,
      );
      const codes = new Map(issued.codes.map((c) => [c.personId, c.code]));
      const open = async (person) => {
        const code = codes.get(person.personId);
        if (code) return activate(code, person.login);
        if (passwords[person.login]) return undefined;
        throw new DemoError(
          `${person.login} is active but its password is not in ${passwordsFile}: start on fresh databases`,
        );
      };
      const tokens = new Map();
      for (const person of people.filter((p) => p.writes)) {
        await open(person);
        tokens.set(person.login, await signIn(person.login));
      }
      const rest = async () => {
        for (const person of people.filter((p) => !p.writes)) await open(person);
      };
      return { tokens, rest };
    },
  };
}
