import { schoolDecider, type SchoolCommand } from '@ejournal/identity-domain';
import type { CommandRunner } from '../edge/command-runner';
import type { EventContext } from '../edge/event-context';
import { schoolTenant } from './tenant';

/** Every act on a school's own stream (`school-{id}`): its calendar, rules, classes, groups. */
export function runSchoolCommand(
  runner: CommandRunner,
  regionId: string,
  schoolId: string,
  command: SchoolCommand,
  context: EventContext,
) {
  return runner.run(
    `school-${schoolId}`,
    schoolDecider,
    command,
    schoolTenant(regionId, schoolId),
    context,
  );
}
