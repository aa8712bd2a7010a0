import { schoolsWithRole } from '@ejournal/auth';
import { calendarDate, journalStreamId, thematicStreamId } from '@ejournal/contracts';
import { todayIn, type IsoDate } from '@ejournal/decider';
import type { EventStore } from '@ejournal/event-store';
import { ApiZodQuery, zodPipe } from '@ejournal/http';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { READERS } from '../../edge/access';
import { CurrentRequester, type Requester } from '../../edge/caller';
import { INVALID_REQUEST } from '../../edge/journal-request';
import { IDENTITY_FACTS, type IdentityFacts } from '../../facts/identity-facts.port';
import { CLOCK, EVENT_STORE, type Clock } from '../../infrastructure/tokens';
import { JournalQuery } from '../../reads/journal-header/journal.query';
import { PlanningErrors } from '../edge/planning-errors';
import { PlannedColumnsQuery, type SchoolRead } from '../reads/planned-columns.query';
import { PlanningStates } from '../reads/planning-states';
import { KeptDays, type DayLesson } from '../reads/school-day';

const dayQuery = z.strictObject({ date: calendarDate.optional() });

/** The academic year a date falls in: Russian school years start on 1 September. */
const academicYearOn = (date: IsoDate) => {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 8 ? year : year - 1;
  return `${start}/${start + 1}`;
};

@ApiTags('planning')
@PlanningErrors()
@Controller('teachers/me/lessons')
export class TeacherDayController {
  private readonly days = new KeptDays();

  constructor(
    private readonly planned: PlannedColumnsQuery,
    private readonly states: PlanningStates,
    private readonly journals: JournalQuery,
    @Inject(IDENTITY_FACTS) private readonly identity: IdentityFacts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  // Any signed-in person may ask: the answer holds only the caller's own lessons, and only of
  // schools she holds a grant in.
  @ApiOperation({
    summary: 'The caller’s lessons of a day (today by default) with their planned topics',
    description:
      'From the timetable of every school the caller holds a grant in, changes applied (a ' +
      'substitution she gives is hers, a lesson she was replaced in is not), with bell times, ' +
      'the lesson already recorded on the column and the КТП’s proposed topic.',
  })
  @ApiZodQuery(dayQuery)
  async day(
    @Query(zodPipe(dayQuery, INVALID_REQUEST)) query: z.infer<typeof dayQuery>,
    @CurrentRequester() requester: Requester,
  ) {
    const { schools } = schoolsWithRole(requester.grants, READERS);
    const lessons = await Promise.all(
      [...new Set(schools)].map((schoolId) =>
        this.inSchool(schoolId, query.date, requester.userId),
      ),
    );
    return { lessons: lessons.flat() };
  }

  private async inSchool(schoolId: string, asked: IsoDate | undefined, teacherId: string) {
    // Today is the school's (its time zone); a date asked for needs no lookup first.
    const date = asked ?? (await this.todayAt(schoolId));
    if (!date) return [];
    const read = await this.planned.schoolRead(schoolId, academicYearOn(date));
    const mine = this.days
      .of(schoolId, read, date)
      .filter((lesson) => lesson.teacherId === teacherId);
    // Whether each journal's kept header and plan are current, in one round trip for the day.
    const versions = await this.store.streamVersions(
      mine.flatMap(({ journalId }) => [journalStreamId(journalId), thematicStreamId(journalId)]),
    );
    return Promise.all(mine.map((lesson) => this.withTopic(schoolId, lesson, read, versions)));
  }

  private async todayAt(schoolId: string): Promise<IsoDate | null> {
    const school = await this.identity.school(schoolId);
    return school ? todayIn(school.timeZone, this.clock()) : null;
  }

  private async withTopic(
    schoolId: string,
    lesson: DayLesson,
    read: SchoolRead,
    versions: Map<string, number>,
  ) {
    const { journalId } = lesson;
    // The plan is read beside the header, not after it; both are served as kept when the
    // store's versions, read for the whole day at once, say nothing came after them.
    const plan = this.states.thematic(journalId, versions.get(thematicStreamId(journalId)) ?? 0);
    plan.catch(() => undefined);
    const header = await this.journals.header(journalId, versions.get(journalStreamId(journalId)));
    const column = header
      ? (await this.planned.forJournal(header, null, read, plan)).planned.find(
          (c) => c.date === lesson.date && c.slot === lesson.slot,
        )
      : undefined;
    return {
      schoolId,
      ...lesson,
      subjectId: header?.subjectId ?? null,
      lessonId: column?.lessonId ?? null,
      proposedTopic: column?.proposedTopic ?? null,
    };
  }
}
