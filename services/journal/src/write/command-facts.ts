import { todayIn } from '@ejournal/decider';
import { refuse, type Caller, type CommandFacts } from '@ejournal/journal-domain';
import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_FACTS, type IdentityFacts } from '../facts/identity-facts.port';
import { CLOCK, type Clock } from '../infrastructure/tokens';

export interface FactsFor {
  schoolId: string;
  academicYear: string;
  /** Whose roster the command needs (the journal's group, or a class for summaries). */
  groupId: string;
  /** The date of that roster ('today': the school's today); none when the command concerns no lesson. */
  rosterDate: string | 'today' | null;
}

/** Gathers what a decider needs from the local projections of identity and the clock. */
@Injectable()
export class CommandFactsLoader {
  constructor(
    @Inject(IDENTITY_FACTS) private readonly facts: IdentityFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(caller: Caller, about: FactsFor): Promise<CommandFacts> {
    const school = await this.facts.school(about.schoolId);
    if (!school) {
      throw refuse.precondition(
        'JOURNAL.UNKNOWN_SCHOOL',
        'The journal does not know this school yet (identity facts not received)',
      );
    }
    const now = this.clock().toISOString();
    const today = todayIn(school.timeZone, now);
    const [calendar, policy, enrolled] = await Promise.all([
      this.facts.calendar(about.schoolId, about.academicYear),
      this.facts.policyOn(about.schoolId, today),
      about.rosterDate
        ? this.facts.membersOn(
            about.groupId,
            about.rosterDate === 'today' ? today : about.rosterDate,
          )
        : [],
    ]);
    return { caller, now, timeZone: school.timeZone, calendar, policy, enrolled };
  }
}
