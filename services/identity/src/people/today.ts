import { todayIn } from '@ejournal/decider';
import { Inject, Injectable } from '@nestjs/common';
import type { IdentityConfig } from '../config';
import { CLOCK, IDENTITY_CONFIG, type Clock } from '../infrastructure/tokens';

/** The region's calendar date now: guardianships and enrolments "in force today". */
@Injectable()
export class Today {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  date(): string {
    return todayIn(this.config.REGION_TIME_ZONE, this.clock());
  }
}
