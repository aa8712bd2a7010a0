import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';

export interface RemoteJwksOptions {
  /** How long fetched keys are trusted before they are fetched again (default 5 min). */
  cacheMaxAgeMs?: number;
  /** The least time between two fetches caused by an unknown key id (default 30 s). */
  cooldownMs?: number;
  timeoutMs?: number;
}

/**
 * Identity's JWKS over HTTP. jose caches the set, fetches again when a token names an unknown
 * key id (a rotation), and throws when the set is stale and cannot be fetched: fails closed.
 */
export function remoteJwks(url: string, options: RemoteJwksOptions = {}): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), {
    cacheMaxAge: options.cacheMaxAgeMs ?? 300_000,
    cooldownDuration: options.cooldownMs ?? 30_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
  });
}

/**
 * Keys held in this process (identity's own key ring). The set is imported again only when
 * `current()` returns a different object, so verification does not re-import keys per token.
 */
export function localJwks(current: () => JSONWebKeySet): JWTVerifyGetKey {
  let cachedFor: JSONWebKeySet | null = null;
  let verifier: JWTVerifyGetKey | null = null;
  return (header, token) => {
    const set = current();
    if (set !== cachedFor || !verifier) {
      verifier = createLocalJWKSet(set);
      cachedFor = set;
    }
    return verifier(header, token);
  };
}
