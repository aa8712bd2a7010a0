import { ApiProblem } from '@ejournal/http';
import { summaryStreamId } from '@ejournal/contracts';
import { summaryDecider } from '@ejournal/journal-domain';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SCOPE_READERS } from '../../edge/access';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { StreamStates } from '../../write/stream-states';
import { OverSheet, sheetOf, YearParam } from '../summary-sheet';

@ApiTags('summary')
@Controller('summaries/:schoolId/:year/:classId')
export class ReadSummaryController {
  constructor(
    private readonly states: StreamStates,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  @Get()
  @ApiProblem(404, 'JOURNAL.UNKNOWN_CLASS')
  @OverSheet(SCOPE_READERS)
  @ApiOperation({ summary: 'The class’s summary grade sheet: marks with revisions, decisions' })
  async read(
    @Param('schoolId') schoolId: string,
    @YearParam() year: number,
    @Param('classId') classId: string,
  ) {
    const sheet = await sheetOf(this.facts, schoolId, year, classId);
    const streamId = summaryStreamId(schoolId, sheet.academicYear, classId);
    const { state, version } = await this.states.load(streamId, summaryDecider);
    return {
      ...sheet,
      version,
      marks: Object.values(state.cells),
      decisions: Object.values(state.decisions),
    };
  }
}
