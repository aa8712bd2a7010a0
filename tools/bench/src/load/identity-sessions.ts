import type { Answer, httpClient } from '@ejournal/testing';
import type { TokenIssuer } from '../journal/tokens';
import type { Account, LoadSchool } from './load-school';

type Call = ReturnType<typeof httpClient>;
// Identity's access tokens live ACCESS_TOKEN_TTL_SECONDS (300 by default): signed in again before.
const REUSE_MS = 4 * 60_000;

/** A password sign-in through identity's real endpoint (argon2id at the configured cost). */
export const signIn = (id: Call, account: Account): Promise<Answer> =>
  id('POST', '/auth/sign-in', { json: { login: account.login, password: account.password } });

/**
 * The bench helpers' TokenIssuer backed by identity itself: a token for a person is one she
 * got by signing in (kept four minutes); a deputy head's token is the school's deputy head's,
 * whatever id the helper names her by. Not timed: setup, not load.
 */
export function identitySessions(id: Call, school: LoadSchool, jwksUrl: string): TokenIssuer {
  const accounts = new Map<string, Account>();
  for (const klass of school.classes) accounts.set(klass.teacher.personId, klass.teacher);
  for (const { account } of school.parents) accounts.set(account.personId, account);
  const held = new Map<string, { token: string; at: number }>();
  return {
    jwksUrl,
    async token(userId, role) {
      const account = role === 'deputy_head' ? school.deputyHead : accounts.get(userId);
      if (!account) throw new Error(`no account for ${userId}`);
      const kept = held.get(account.personId);
      if (kept && Date.now() - kept.at < REUSE_MS) return kept.token;
      const answer = await signIn(id, account);
      if (answer.status !== 200) throw new Error(`sign-in: ${JSON.stringify(answer.body)}`);
      held.set(account.personId, { token: answer.body.access_token, at: Date.now() });
      return answer.body.access_token as string;
    },
    close: async () => undefined,
  };
}
