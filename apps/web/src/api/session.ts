import { problemOf, ProblemError } from './problems';

/** The tokens of a signed-in person, kept for the tab only (sessionStorage). */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface Grant {
  role: string;
  scope: { kind: 'region' | 'school' | 'class'; id: string; schoolId?: string };
}

export interface Me {
  personId: string;
  surname?: string;
  givenName?: string;
  patronymic?: string | null;
  grants: Grant[];
}

const KEY = 'ejournal.session';

export function storedTokens(): Tokens | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Tokens) : null;
}

function keep(tokens: Tokens | null) {
  if (tokens) sessionStorage.setItem(KEY, JSON.stringify(tokens));
  else sessionStorage.removeItem(KEY);
}

async function post(path: string, body: unknown): Promise<Response> {
  const response = await fetch(`/api/identity${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new ProblemError(await problemOf(response));
  return response;
}

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
}

const tokensOf = (answer: TokenAnswer): Tokens => ({
  accessToken: answer.access_token,
  refreshToken: answer.refresh_token,
});

export async function signIn(login: string, password: string): Promise<Tokens> {
  const tokens = tokensOf(
    (await (await post('/auth/sign-in', { login, password })).json()) as TokenAnswer,
  );
  keep(tokens);
  return tokens;
}

/** Activation with the school's one-time code: the person chooses a login and a password. */
export async function activate(code: string, login: string, password: string): Promise<void> {
  await post('/auth/activate', { code: code.trim().toUpperCase(), login, password });
}

let refreshing: Promise<Tokens | null> | null = null;

/**
 * Rotates the refresh token (each one is used once): concurrent callers share one rotation,
 * since presenting a replaced token again would revoke the whole session.
 */
export function refresh(): Promise<Tokens | null> {
  refreshing ??= (async () => {
    const current = storedTokens();
    if (!current) return null;
    try {
      const answer = (await (
        await post('/auth/refresh', { refresh_token: current.refreshToken })
      ).json()) as TokenAnswer;
      const tokens = tokensOf(answer);
      keep(tokens);
      return tokens;
    } catch (error) {
      if (error instanceof ProblemError) keep(null);
      throw error;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function signOut(): Promise<void> {
  const current = storedTokens();
  keep(null);
  if (current)
    await post('/auth/sign-out', { refresh_token: current.refreshToken }).catch(() => undefined);
}

export const forgetSession = () => keep(null);
