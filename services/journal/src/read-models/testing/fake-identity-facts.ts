import type { CalendarFacts } from '@ejournal/journal-domain';
import type {
  AveragingFacts,
  GroupFacts,
  IdentityFacts,
  SchoolFacts,
  SchoolPolicy,
} from '../../facts/identity-facts.port';

export const CALENDAR_2026: CalendarFacts = {
  academicYear: '2026/2027',
  startsOn: '2026-09-01',
  endsOn: '2027-05-31',
  periods: [
    { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-25' },
    { number: 2, startsOn: '2026-11-05', endsOn: '2026-12-28' },
    { number: 3, startsOn: '2027-01-09', endsOn: '2027-03-22' },
    { number: 4, startsOn: '2027-04-01', endsOn: '2027-05-31' },
  ],
};

/** Identity's facts for specs: one calendar, policies by effective date, one group's members. */
export class FakeIdentityFacts implements IdentityFacts {
  readonly membersAsked: { groupId: string; startsOn: string; endsOn: string }[] = [];

  constructor(
    private readonly options: {
      calendar?: CalendarFacts | null;
      /** Averaging by the date it takes effect, with its policy version. */
      policies?: { effectiveFrom: string; policyVersion: number; averaging: AveragingFacts }[];
      members?: string[];
    } = {},
  ) {}

  async school(schoolId: string): Promise<SchoolFacts | null> {
    return { schoolId, regionId: 'region-91', timeZone: 'Europe/Simferopol' };
  }

  async group(groupId: string): Promise<GroupFacts | null> {
    return { groupId, schoolId: 'school-1', academicYear: '2026/2027', kind: 'class' };
  }

  async staffSchools(): Promise<string[]> {
    return ['school-1'];
  }

  async calendar(): Promise<CalendarFacts | null> {
    return this.options.calendar === undefined ? CALENDAR_2026 : this.options.calendar;
  }

  async policyOn(_schoolId: string, date: string): Promise<SchoolPolicy | null> {
    const inForce = (this.options.policies ?? [])
      .filter((policy) => policy.effectiveFrom <= date)
      .sort((a, b) => b.policyVersion - a.policyVersion)[0];
    if (!inForce) return null;
    return {
      ...inForce,
      correctionWindowDays: 3,
      afterWindowAuthorisedBy: ['deputy_head'],
      afterPeriodClosedAuthorisedBy: ['head'],
      orderRequired: true,
      markScales: ['five_point', 'pass_fail'],
      workTypeWeights: [],
    };
  }

  async membersOn(): Promise<string[]> {
    return [...(this.options.members ?? [])];
  }

  async membersDuring(groupId: string, startsOn: string, endsOn: string): Promise<string[]> {
    this.membersAsked.push({ groupId, startsOn, endsOn });
    return [...(this.options.members ?? [])];
  }

  async classOf(): Promise<{ schoolId: string; classId: string } | null> {
    return null;
  }

  /** A new revision at every call: specs change the fake's facts, so nothing is cached on it. */
  async revision(): Promise<number> {
    this.revisions += 1;
    return this.revisions;
  }

  private revisions = 0;
}
