import { ACCESS_TOKEN_TYPE, SIGNING_ALGORITHM, type Grant } from '@ejournal/auth';
import { newEventId } from '@ejournal/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import type { IdentityConfig } from '../config';
import { CLOCK, IDENTITY_CONFIG, type Clock } from '../infrastructure/tokens';
import { KeyRing } from './key-ring';

export interface IssuedAccessToken {
  accessToken: string;
  expiresIn: number;
}

/** Signs access tokens (RFC 9068 `at+jwt`) with the ring's current key. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly keys: KeyRing,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(
    subject: string,
    kind: 'user' | 'service',
    grants: Grant[],
  ): Promise<IssuedAccessToken> {
    const { kid, privateKey } = this.keys.signingKey();
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await new SignJWT({ kind, grants })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(this.config.AUTH_ISSUER)
      .setAudience(this.config.AUTH_AUDIENCE)
      .setSubject(subject)
      .setJti(newEventId())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresIn)
      .sign(privateKey);
    return { accessToken, expiresIn };
  }
}
