import { CurrentPrincipal, RequireGrant, scopeFrom, type Principal } from '@ejournal/auth';
import { ApiProblem, ApiZodQuery, ValidationProblem, zodPipe } from '@ejournal/http';
import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DIARY_READERS, DiaryAccess } from '../../edge/diary-access';
import { PUPIL_RESOURCE } from '../../edge/diary-scope-resolver';
import { DiaryDocuments } from '../../read-models/diary-documents';
import { datesOfWeek, isoWeekOf } from '../../read-models/iso-week';

export const INVALID_REQUEST = 'DIARY.INVALID_REQUEST';

const weekQuery = z.strictObject({
  /** An ISO week, `2026-W37`; this week in the pupil's school when absent. */
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/, 'must be an ISO week like 2026-W37')
    .optional(),
});

@ApiTags('diary')
@Controller('pupils/:pupilId/diary')
export class ReadWeekController {
  constructor(
    private readonly access: DiaryAccess,
    private readonly documents: DiaryDocuments,
  ) {}

  @Get()
  @RequireGrant(DIARY_READERS, scopeFrom.resourceParam(PUPIL_RESOURCE, 'pupilId'))
  @ApiProblem(400, INVALID_REQUEST)
  @ApiProblem(403, 'DIARY.NOT_YOUR_PUPIL')
  @ApiProblem(404, 'DIARY.PUPIL_NOT_FOUND')
  @ApiOperation({
    summary:
      'A pupil’s diary week: per day the lessons of every activity kind with topic, homework, ' +
      'marks and attendance; from today on the lessons the timetable plans (bells, teacher, ' +
      'room, changes applied) and the homework due; `stale` while a journal it shows waits ' +
      'for a rebuild',
  })
  @ApiZodQuery(weekQuery)
  async week(
    @Param('pupilId') pupilId: string,
    @Query(zodPipe(weekQuery, INVALID_REQUEST)) query: z.infer<typeof weekQuery>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: object,
  ) {
    // The week's document is looked up while access is decided, and only returned once the
    // decision allows it. Without `week` the guess is this week by UTC's date; when the
    // school's own date falls in another week, that week is looked up after. The read is
    // logged while the week is fetched.
    const guess = query.week ?? isoWeekOf(new Date().toISOString().slice(0, 10));
    const early = this.documents.week(`${pupilId}|${guess}`);
    early.catch(() => undefined); // awaited below when allowed; a refusal leaves it unread
    const { reader, week, dates, stored } = await this.access.read(
      principal,
      pupilId,
      'GET /pupils/:pupilId/diary',
      async (reader) => {
        const week = query.week ?? isoWeekOf(reader.today);
        const dates = datesOfWeek(week);
        if (!dates) {
          throw new ValidationProblem(INVALID_REQUEST, 'There is no such week', [
            { pointer: '/query/week', detail: 'no such ISO week' },
          ]);
        }
        const stored = await (week === guess ? early : this.documents.week(`${pupilId}|${week}`));
        return { reader, week, dates, stored };
      },
      request,
    );
    // Planned lessons of days gone by are not shown: what was held is.
    const days = dates.map((date) => {
      const day = stored?.days.find((each) => each.date === date);
      return {
        date,
        lessons: day?.lessons ?? [],
        planned: date >= reader.today ? (day?.planned ?? []) : [],
        homeworkDue: day?.homeworkDue ?? [],
      };
    });
    const quarantine = stored?.quarantine ?? {};
    return {
      pupilId,
      week,
      days,
      stale: Object.keys(quarantine).length > 0,
      versions: stored?.versions ?? {},
    };
  }
}
