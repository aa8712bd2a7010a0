import { schoolsWithRole } from '@ejournal/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS } from '../../edge/access';
import { CurrentRequester, type Requester } from '../../edge/caller';
import { TeacherJournalsQuery } from './teacher-journals.query';

@ApiTags('journals')
@Controller('teachers/me/journals')
export class ReadJournalsController {
  constructor(private readonly journals: TeacherJournalsQuery) {}

  @Get()
  // Any signed-in person may ask: the answer holds only the caller's own journals, and only
  // of schools she still holds a grant in (another school may have named her as a teacher).
  @ApiOperation({ summary: 'The journals the caller teaches (assigned now or before)' })
  async mine(@CurrentRequester() requester: Requester) {
    const { regions, schools } = schoolsWithRole(requester.grants, READERS);
    const journals = await this.journals.journalsOf(requester.userId);
    return {
      journals: journals.filter(
        (journal) => regions.includes(journal.regionId) || schools.includes(journal.schoolId),
      ),
    };
  }
}
