import { Injectable } from '@nestjs/common';
import type { PlanningCalendar } from '../domain/school-days';
import { PlanningFactsLoader } from '../write/planning-facts';

const KEPT = 2_000;

interface Kept {
  factsRevision: number;
  calendar: PlanningCalendar | null;
}

/**
 * School years' calendars for reads, kept under the identity facts' revision they were read
 * at. Every identity fact the journal projects (a calendar set or changed among them) moves
 * the revision on in the same transaction, so a kept calendar is used only while no fact has
 * changed since; the caller reads the revision first, so what is read after it is never older.
 */
@Injectable()
export class SchoolCalendars {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly facts: PlanningFactsLoader) {}

  async at(
    schoolId: string,
    academicYear: string,
    factsRevision: number,
  ): Promise<PlanningCalendar | null> {
    const key = `${schoolId}|${academicYear}`;
    const kept = this.kept.get(key);
    if (kept?.factsRevision === factsRevision) return kept.calendar;
    const calendar = await this.facts.calendar(schoolId, academicYear);
    if (this.kept.size >= KEPT) this.kept.clear();
    this.kept.set(key, { factsRevision, calendar });
    return calendar;
  }
}
