import { municipalityDecider } from '@ejournal/identity-domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IdentityConfig } from '../../config';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { IDENTITY_CONFIG } from '../../infrastructure/tokens';
import { regionTenant } from '../tenant';

export class RegisterMunicipality {
  constructor(
    readonly municipalityId: string,
    readonly context: EventContext,
  ) {}
}

@CommandHandler(RegisterMunicipality)
export class RegisterMunicipalityHandler implements ICommandHandler<RegisterMunicipality> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute({ municipalityId, context }: RegisterMunicipality) {
    const regionId = this.config.IDENTITY_REGION_ID;
    const municipality = { municipalityId, regionId };
    await this.runner.run(
      `municipality-${municipalityId}`,
      municipalityDecider,
      { type: 'RegisterMunicipality', municipality },
      regionTenant(regionId),
      context,
    );
    return municipality;
  }
}
