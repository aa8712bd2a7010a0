import { specify } from '@ejournal/decider/testing';
import { groupMembershipDecider, type GroupMembershipEvent } from './group-membership.decider';

const { given } = specify(groupMembershipDecider);
const added: GroupMembershipEvent = {
  type: 'GroupMemberAdded',
  data: { groupId: 'g-1', pupilId: 'p-1', fromDate: '2026-09-07' },
};

describe('an empty group', () => {
  it('takes a pupil of its school', () =>
    given([])
      .when({
        type: 'AddGroupMember',
        groupId: 'g-1',
        pupilId: 'p-1',
        fromDate: '2026-09-07',
        enrolledInSchool: true,
      })
      .then([added]));
  it('refuses a pupil not enrolled in its school', () =>
    given([])
      .when({
        type: 'AddGroupMember',
        groupId: 'g-1',
        pupilId: 'p-1',
        fromDate: '2026-09-07',
        enrolledInSchool: false,
      })
      .thenRefuses('IDENTITY.PUPIL_NOT_IN_SCHOOL'));
  it('cannot remove someone who is not in it', () =>
    given([])
      .when({ type: 'RemoveGroupMember', groupId: 'g-1', pupilId: 'p-1', onDate: '2026-10-01' })
      .thenRefuses('IDENTITY.NOT_A_MEMBER'));
});

describe('a group with a member since 7 September', () => {
  it('changes nothing when the member is added again', () =>
    given([added])
      .when({
        type: 'AddGroupMember',
        groupId: 'g-1',
        pupilId: 'p-1',
        fromDate: '2026-09-07',
        enrolledInSchool: true,
      })
      .then([]));
  it('removes the member from a later date', () =>
    given([added])
      .when({ type: 'RemoveGroupMember', groupId: 'g-1', pupilId: 'p-1', onDate: '2026-10-01' })
      .then([
        {
          type: 'GroupMemberRemoved',
          data: { groupId: 'g-1', pupilId: 'p-1', onDate: '2026-10-01' },
        },
      ]));
  it('refuses a removal dated before the member joined', () =>
    given([added])
      .when({ type: 'RemoveGroupMember', groupId: 'g-1', pupilId: 'p-1', onDate: '2026-09-01' })
      .thenRefuses('IDENTITY.DATE_BEFORE_LAST_CHANGE'));
});
