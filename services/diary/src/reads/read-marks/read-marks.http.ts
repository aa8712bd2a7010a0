import { CurrentPrincipal, RequireGrant, scopeFrom, type Principal } from '@ejournal/auth';
import { academicYear } from '@ejournal/contracts';
import { ApiProblem, ApiZodQuery, NotFoundProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DIARY_READERS, DiaryAccess } from '../../edge/diary-access';
import { PUPIL_RESOURCE } from '../../edge/diary-scope-resolver';
import { DiaryFacts } from '../../facts/diary-facts';
import { DiaryDocuments } from '../../read-models/diary-documents';
import { INVALID_REQUEST } from '../read-week/read-week.http';

const marksQuery = z.strictObject({
  /** `2026/2027`; the school's academic year of today when absent. */
  year: academicYear.optional(),
  /** One period of the year (quarter, trimester or half); every period when absent. */
  period: z.coerce.number().int().min(1).max(4).optional(),
});

@ApiTags('diary')
@Controller('pupils/:pupilId/marks')
export class ReadMarksController {
  constructor(
    private readonly access: DiaryAccess,
    private readonly documents: DiaryDocuments,
    private readonly facts: DiaryFacts,
  ) {}

  @Get()
  @RequireGrant(DIARY_READERS, scopeFrom.resourceParam(PUPIL_RESOURCE, 'pupilId'))
  @ApiProblem(400, INVALID_REQUEST)
  @ApiProblem(403, 'DIARY.NOT_YOUR_PUPIL')
  @ApiProblem(404, 'DIARY.PUPIL_NOT_FOUND', 'DIARY.NO_ACADEMIC_YEAR')
  @ApiOperation({
    summary:
      'A pupil’s marks by subject and period with the weighted average under the school’s ' +
      'policy in force, and the period, year, exam and final marks of the summary sheet',
  })
  @ApiZodQuery(marksQuery)
  async marks(
    @Param('pupilId') pupilId: string,
    @Query(zodPipe(marksQuery, INVALID_REQUEST)) query: z.infer<typeof marksQuery>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: object,
  ) {
    // The read is logged while the marks are fetched.
    const { year, stored } = await this.access.read(
      principal,
      pupilId,
      'GET /pupils/:pupilId/marks',
      async (reader) => {
        const year =
          query.year ?? (await this.facts.academicYearOn(reader.place.schoolId, reader.today));
        if (!year) {
          throw new NotFoundProblem(
            'DIARY.NO_ACADEMIC_YEAR',
            'The school has no academic year today',
          );
        }
        return { year, stored: await this.documents.marksOf(`${pupilId}|${year}`) };
      },
      request,
    );
    const subjects = (stored?.subjects ?? []).map((subject) => ({
      ...subject,
      periods: subject.periods.filter((each) => !query.period || each.period === query.period),
    }));
    const quarantine = stored?.quarantine ?? {};
    return {
      pupilId,
      academicYear: year,
      averaging: stored?.averaging ?? null,
      periods: stored?.periods ?? [],
      subjects,
      stale: Object.keys(quarantine).length > 0,
      versions: stored?.versions ?? {},
    };
  }
}
