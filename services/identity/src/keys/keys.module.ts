import { Module } from '@nestjs/common';
import { AccessTokenIssuer } from './access-token-issuer';
import { GrantsOf } from './grants-of';
import { KeyRing } from './key-ring';

/** The signing keys and what signs with them; the guard verifies against the same ring. */
@Module({
  providers: [KeyRing, AccessTokenIssuer, GrantsOf],
  exports: [KeyRing, AccessTokenIssuer, GrantsOf],
})
export class KeysModule {}
