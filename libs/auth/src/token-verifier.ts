import { ServiceUnavailableProblem, UnauthorizedProblem } from '@ejournal/http';
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import {
  ACCESS_TOKEN_MAX_TTL_SECONDS,
  ACCESS_TOKEN_TYPE,
  SIGNING_ALGORITHM,
  accessClaimsSchema,
  type Principal,
} from './access-token';
import { VerifiedTokens } from './verified-tokens';

export interface TokenVerifierOptions {
  /** Identity's published keys: `remoteJwks(url)` in services, the key ring inside identity. */
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  clockToleranceSeconds?: number;
  /** How many verified tokens to remember until they expire; 0 verifies every time. */
  cacheEntries?: number;
}

/**
 * Verifies access tokens: signature by a published key, `typ`, issuer, audience, expiry, a
 * lifetime of at most ten minutes and the claims' shape. Every failure is a 401 with a code
 * saying which check failed; keys that cannot be fetched fail closed with a 503. A token that
 * passed is remembered until it expires (jose keeps the keys themselves five minutes).
 */
export class TokenVerifier {
  private readonly verified: VerifiedTokens | null;

  constructor(private readonly options: TokenVerifierOptions) {
    const entries = options.cacheEntries ?? 5000;
    this.verified = entries > 0 ? new VerifiedTokens(entries) : null;
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified?.get(token);
    if (known) return known;
    const principal = await this.verifySignedToken(token);
    this.verified?.set(token, principal);
    return principal;
  }

  private async verifySignedToken(token: string): Promise<Principal> {
    const { keys, issuer, audience, clockToleranceSeconds = 5 } = this.options;
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: [SIGNING_ALGORITHM],
        typ: ACCESS_TOKEN_TYPE,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['iat', 'exp', 'sub', 'jti'],
      }));
    } catch (error) {
      throw verificationProblem(error);
    }
    const claims = accessClaimsSchema.safeParse(payload);
    if (!claims.success) throw invalid('The token claims are malformed');
    const { sub, kind, grants, jti, iat, exp } = claims.data;
    if (exp - iat > ACCESS_TOKEN_MAX_TTL_SECONDS) throw invalid('The token lives too long');
    return { subject: sub, kind, grants, tokenId: jti, expiresAt: new Date(exp * 1000) };
  }
}

const invalid = (detail: string) => new UnauthorizedProblem('AUTH.TOKEN_INVALID', detail);

function verificationProblem(error: unknown): Error {
  if (error instanceof errors.JWTExpired) {
    return new UnauthorizedProblem('AUTH.TOKEN_EXPIRED', 'The access token has expired');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      return new UnauthorizedProblem(
        'AUTH.TOKEN_WRONG_AUDIENCE',
        'The token is for another audience',
      );
    }
    if (error.claim === 'iss') {
      return new UnauthorizedProblem('AUTH.TOKEN_WRONG_ISSUER', 'The token has another issuer');
    }
    return invalid(`The token's ${error.claim} claim is not acceptable`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new UnauthorizedProblem('AUTH.UNKNOWN_KEY', 'The token is signed by an unknown key');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return invalid('The token signature does not verify');
  }
  if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) {
    return invalid('The token is malformed');
  }
  return new ServiceUnavailableProblem(
    'AUTH.KEYS_UNAVAILABLE',
    'The signing keys cannot be fetched; access is refused until they can',
  );
}
