import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentRequester, type Requester } from '../../edge/caller';
import { TeacherJournalsQuery } from '../../read-models';

@ApiTags('journals')
@Controller('teachers/me/journals')
export class ReadJournalsController {
  constructor(private readonly journals: TeacherJournalsQuery) {}

  @Get()
  // Any signed-in person may ask: the answer holds only the caller's own journals.
  @ApiOperation({ summary: 'The journals the caller teaches (assigned now or before)' })
  async mine(@CurrentRequester() requester: Requester) {
    return { journals: await this.journals.journalsOf(requester.userId) };
  }
}
