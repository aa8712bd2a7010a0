import { Injectable } from '@nestjs/common';
import { AccessTokenIssuer } from '../keys/access-token-issuer';
import { GrantsOf } from '../keys/grants-of';

export interface TokenPair {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

/** An access token with the person's grants as they are now, beside a refresh token. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly tokens: AccessTokenIssuer,
    private readonly grants: GrantsOf,
  ) {}

  async pair(personId: string, refreshToken: string): Promise<TokenPair> {
    const { accessToken, expiresIn } = await this.tokens.issue(
      personId,
      'user',
      await this.grants.person(personId),
    );
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
      refresh_token: refreshToken,
    };
  }
}
