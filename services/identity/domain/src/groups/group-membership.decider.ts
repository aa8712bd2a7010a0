import type { GroupMemberAdded, GroupMemberRemoved } from '@ejournal/contracts';
import { defineDecider, unreachable, type Fact, type IsoDate } from '@ejournal/decider';
import { refuse } from '../identity.errors';

export type GroupMembershipEvent = Fact<GroupMemberAdded | GroupMemberRemoved>;

export type GroupMembershipCommand =
  | {
      type: 'AddGroupMember';
      groupId: string;
      pupilId: string;
      fromDate: IsoDate;
      /** Whether the pupil is enrolled in the group's school on `fromDate` (a projection fact). */
      enrolledInSchool: boolean;
    }
  | { type: 'RemoveGroupMember'; groupId: string; pupilId: string; onDate: IsoDate };

export interface GroupMembershipState {
  /** Current members and the date each joined. */
  members: Record<string, IsoDate>;
}

/** Stream `group-{groupId}`: an ad-hoc group's members over time. */
export const groupMembershipDecider = defineDecider<
  GroupMembershipCommand,
  GroupMembershipEvent,
  GroupMembershipState
>({
  initialState: { members: {} },

  decide(command, state) {
    const { groupId, pupilId } = command;
    const joined = state.members[pupilId];
    switch (command.type) {
      case 'AddGroupMember':
        if (joined) return [];
        if (!command.enrolledInSchool) {
          throw refuse.unprocessable(
            'IDENTITY.PUPIL_NOT_IN_SCHOOL',
            "The pupil is not enrolled in the group's school on that date",
          );
        }
        return [
          { type: 'GroupMemberAdded', data: { groupId, pupilId, fromDate: command.fromDate } },
        ];
      case 'RemoveGroupMember':
        if (!joined)
          throw refuse.conflict('IDENTITY.NOT_A_MEMBER', 'The pupil is not in the group');
        if (command.onDate <= joined) {
          throw refuse.unprocessable(
            'IDENTITY.DATE_BEFORE_LAST_CHANGE',
            `The pupil joined on ${joined}`,
          );
        }
        return [{ type: 'GroupMemberRemoved', data: { groupId, pupilId, onDate: command.onDate } }];
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    const members = { ...state.members };
    switch (event.type) {
      case 'GroupMemberAdded':
        members[event.data.pupilId] = event.data.fromDate;
        return { members };
      case 'GroupMemberRemoved':
        delete members[event.data.pupilId];
        return { members };
      default:
        return unreachable(event);
    }
  },
});
