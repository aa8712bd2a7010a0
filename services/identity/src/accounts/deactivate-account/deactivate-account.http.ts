import { RequireGrant, scopeFrom } from '@ejournal/auth';
import { zodPipe } from '@ejournal/http';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SCHOOL_MANAGERS } from '../../edge/access';
import { INVALID_REQUEST, personIdField } from '../../edge/fields';
import { DeactivateAccountService } from './deactivate-account.service';
import { IdentityCommand } from '../../edge/idempotent-replies';

/**
 * Deactivation ends every session at once: refresh tokens and unused codes are revoked, so no
 * new access token is issued; the ones already out expire within their ten minutes.
 */
@ApiTags('accounts')
@Controller('people/:personId/deactivate')
export class DeactivateAccountController {
  constructor(private readonly accounts: DeactivateAccountService) {}

  @Post()
  @IdentityCommand()
  @RequireGrant(SCHOOL_MANAGERS, scopeFrom.resourceParam('person', 'personId'))
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivates an account and revokes its refresh tokens' })
  async deactivate(@Param('personId', zodPipe(personIdField, INVALID_REQUEST)) personId: string) {
    await this.accounts.deactivate(personId);
  }
}
