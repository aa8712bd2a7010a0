import { Public, RequireGrant } from '@ejournal/auth';
import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { REGION_OPERATORS } from '../edge/access';
import { KeyRing } from './key-ring';
import { IdentityCommand } from '../edge/idempotent-replies';

@ApiTags('keys')
@Controller()
export class JwksController {
  constructor(private readonly keys: KeyRing) {}

  @Public()
  @Get('.well-known/jwks.json')
  @Header('cache-control', 'public, max-age=60')
  @ApiOperation({ summary: 'The public keys that verify access tokens (RFC 7517)' })
  jwks() {
    return this.keys.jwks();
  }

  @Post('keys/rotate')
  @IdentityCommand()
  @HttpCode(200)
  @RequireGrant(REGION_OPERATORS)
  @ApiOperation({ summary: 'Adds a signing key; the current one retires when it activates' })
  async rotate() {
    const rotated = await this.keys.rotate();
    return { kid: rotated?.kid, activatesAt: rotated?.activatesAt.toISOString() };
  }
}
