import { z } from 'zod';
import { grantSchema, type Grant } from './grants';

/** RFC 9068: access tokens say what they are, so an ID token or a refresh JWT is refused. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const ACCESS_TOKEN_MAX_TTL_SECONDS = 600;
export const SIGNING_ALGORITHM = 'EdDSA';

export const accessClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1).max(128),
  aud: z.union([z.string(), z.array(z.string())]),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
  /** A person signed in, or a service account (client credentials). */
  kind: z.enum(['user', 'service']),
  grants: z.array(grantSchema).max(500),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

/** Who is calling, as every service sees it after the guard verified the token. */
export interface Principal {
  subject: string;
  kind: 'user' | 'service';
  grants: Grant[];
  tokenId: string;
  expiresAt: Date;
}
