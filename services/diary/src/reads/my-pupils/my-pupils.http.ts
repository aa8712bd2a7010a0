import { CurrentPrincipal, type Principal } from '@ejournal/auth';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DiaryFacts } from '../../facts/diary-facts';
import { CLOCK, type Clock } from '../../infrastructure/tokens';

@ApiTags('diary')
@Controller('me/pupils')
export class MyPupilsController {
  constructor(
    private readonly facts: DiaryFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  // Any signed-in person may ask: the answer holds the caller (when a pupil) and the children
  // whose diaries the caller may read as their guardian today, ids only.
  @ApiOperation({ summary: 'The pupils whose diaries the caller reads as pupil or guardian' })
  async mine(@CurrentPrincipal() principal: Principal) {
    const today = this.clock().toISOString().slice(0, 10);
    const pupils: {
      pupilId: string;
      relation: 'self' | 'guardian';
      schoolId: string;
      classId: string;
    }[] = [];
    if (principal.grants.some((grant) => grant.role === 'pupil')) {
      const place = await this.facts.placeOf(principal.subject, today);
      if (place) pupils.push({ pupilId: principal.subject, relation: 'self', ...place });
    }
    if (principal.grants.some((grant) => grant.role === 'parent')) {
      for (const link of await this.facts.childrenOf(principal.subject, today)) {
        if (link.restrictions.includes('no_record_access')) continue;
        const place = await this.facts.placeOf(link.pupilId, today);
        if (place) pupils.push({ pupilId: link.pupilId, relation: 'guardian', ...place });
      }
    }
    return { pupils };
  }
}
