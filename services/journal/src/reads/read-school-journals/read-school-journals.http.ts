import { RequireGrant, scopeFrom, type Role } from '@ejournal/auth';
import { academicYear } from '@ejournal/contracts';
import { ApiProblem, ApiZodQuery, zodPipe } from '@ejournal/http';
import { refuse } from '@ejournal/journal-domain';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { INVALID_REQUEST } from '../../edge/journal-request';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { SchoolJournalListQuery } from './school-journals.query';

/**
 * Who reads every journal of a whole school: its head, deputy head and administrator, and the
 * region's auditors and operators (a class teacher's grant covers one class, not the school).
 */
export const SCHOOL_JOURNAL_READERS: Role[] = [
  'head',
  'deputy_head',
  'school_admin',
  'auditor',
  'regional_operator',
];

const schoolJournalsQuery = z.strictObject({ academicYear: academicYear.optional() });

@ApiTags('journals')
@Controller('schools/:schoolId/journals')
export class ReadSchoolJournalsController {
  constructor(
    private readonly journals: SchoolJournalListQuery,
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
  ) {}

  @Get()
  // A school the caller holds no grant in is answered as one the journal does not know (412).
  @RequireGrant(SCHOOL_JOURNAL_READERS, scopeFrom.schoolParam())
  @ApiProblem(412, 'JOURNAL.UNKNOWN_SCHOOL')
  @ApiOperation({
    summary: 'Every journal of a school (all activity kinds), of one academic year or all',
    description:
      'Newest academic year first, then by group, subject and id; each with its header ' +
      '(teachers, closed periods, lesson count, version), as `/teachers/me/journals` answers.',
  })
  @ApiZodQuery(schoolJournalsQuery)
  async list(
    @Param('schoolId') schoolId: string,
    @Query(zodPipe(schoolJournalsQuery, INVALID_REQUEST))
    query: z.infer<typeof schoolJournalsQuery>,
  ) {
    if (!(await this.facts.school(schoolId)))
      throw refuse.precondition('JOURNAL.UNKNOWN_SCHOOL', 'The journal does not know this school');
    return { journals: await this.journals.journalsOf(schoolId, query.academicYear) };
  }
}
