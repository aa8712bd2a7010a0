import { groupMembershipDecider } from '@ejournal/identity-domain';
import { NotFoundProblem } from '@ejournal/http';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { CommandRunner } from '../../edge/command-runner';
import type { EventContext } from '../../edge/event-context';
import { APP_POOL } from '../../infrastructure/tokens';

export class ChangeGroupMembership {
  constructor(
    readonly groupId: string,
    readonly pupilId: string,
    readonly change: { add: true; fromDate: string } | { add: false; onDate: string },
    readonly context: EventContext,
  ) {}
}

@CommandHandler(ChangeGroupMembership)
export class ChangeGroupMembershipHandler implements ICommandHandler<ChangeGroupMembership> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_POOL) private readonly pool: Pool,
  ) {}

  async execute({ groupId, pupilId, change, context }: ChangeGroupMembership) {
    const school = await this.schoolOf(groupId);
    const date = change.add ? change.fromDate : change.onDate;
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM identity.enrolments WHERE pupil_id = $1 AND school_id = $2 AND from_date <= $3 AND (to_date IS NULL OR to_date > $3)',
      [pupilId, school.schoolId, date],
    );
    const command = change.add
      ? {
          type: 'AddGroupMember' as const,
          groupId,
          pupilId,
          fromDate: change.fromDate,
          enrolledInSchool: rowCount === 1,
        }
      : { type: 'RemoveGroupMember' as const, groupId, pupilId, onDate: change.onDate };
    const { events } = await this.runner.run(
      `group-${groupId}`,
      groupMembershipDecider,
      command,
      school,
      context,
    );
    return { groupId, pupilId, changed: events.length > 0 };
  }

  async schoolOf(groupId: string): Promise<{ regionId: string; schoolId: string }> {
    const { rows } = await this.pool.query<{ regionId: string; schoolId: string }>(
      'SELECT s.region_id AS "regionId", g.school_id AS "schoolId" FROM identity.groups g JOIN identity.schools s USING (school_id) WHERE g.group_id = $1',
      [groupId],
    );
    if (!rows[0]) throw new NotFoundProblem('IDENTITY.UNKNOWN_GROUP', 'No such group');
    return rows[0];
  }
}
