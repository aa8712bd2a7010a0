import { specify } from '../decider-spec';
import { enrolmentDecider, type EnrolmentEvent, type SchoolYear } from './enrolment.decider';

const { given } = specify(enrolmentDecider);
const year: SchoolYear = {
  academicYear: '2026/2027',
  startsOn: '2026-09-01',
  endsOn: '2027-05-31',
};
const sevenA = { schoolId: 'school-17', classId: 'class-7a' };
const sevenB = { schoolId: 'school-17', classId: 'class-7b' };
const otherSchool = { schoolId: 'school-18', classId: 'class-7v' };
const enrolled: EnrolmentEvent = {
  type: 'PupilEnrolled',
  data: { pupilId: 'p-1', ...sevenA, onDate: '2026-09-01' },
};

describe('a pupil never enrolled', () => {
  it('is enrolled into a class on a date of the year', () =>
    given([])
      .when({ type: 'EnrolPupil', pupilId: 'p-1', to: sevenA, onDate: '2026-09-01', year })
      .then([enrolled]));
  it('cannot be enrolled on a date outside the academic year', () =>
    given([])
      .when({ type: 'EnrolPupil', pupilId: 'p-1', to: sevenA, onDate: '2026-08-20', year })
      .thenRefuses('IDENTITY.DATE_OUTSIDE_ACADEMIC_YEAR'));
  it('cannot be transferred', () =>
    given([])
      .when({ type: 'TransferPupil', pupilId: 'p-1', to: sevenB, onDate: '2026-10-01', year })
      .thenRefuses('IDENTITY.NOT_ENROLLED'));
  it('cannot be withdrawn', () =>
    given([])
      .when({ type: 'WithdrawPupil', pupilId: 'p-1', onDate: '2026-10-01', reason: 'moved_away' })
      .thenRefuses('IDENTITY.NOT_ENROLLED'));
});

describe('a pupil enrolled in 7А on 1 September', () => {
  it('changes nothing when enrolled into 7А again (a re-import)', () =>
    given([enrolled])
      .when({ type: 'EnrolPupil', pupilId: 'p-1', to: sevenA, onDate: '2026-09-01', year })
      .then([]));
  it('cannot be enrolled into another class: that is a transfer', () =>
    given([enrolled])
      .when({ type: 'EnrolPupil', pupilId: 'p-1', to: sevenB, onDate: '2026-10-01', year })
      .thenRefuses('IDENTITY.ALREADY_ENROLLED'));
  it('is transferred to another school, keeping one history', () =>
    given([enrolled])
      .when({ type: 'TransferPupil', pupilId: 'p-1', to: otherSchool, onDate: '2027-01-09', year })
      .then([
        {
          type: 'PupilTransferred',
          data: {
            pupilId: 'p-1',
            fromSchoolId: 'school-17',
            fromClassId: 'class-7a',
            toSchoolId: 'school-18',
            toClassId: 'class-7v',
            onDate: '2027-01-09',
          },
        },
      ]));
  it('cannot be transferred on the day of the enrolment or before', () =>
    given([enrolled])
      .when({ type: 'TransferPupil', pupilId: 'p-1', to: sevenB, onDate: '2026-09-01', year })
      .thenRefuses('IDENTITY.DATE_BEFORE_LAST_CHANGE'));
  it('is withdrawn', () =>
    given([enrolled])
      .when({ type: 'WithdrawPupil', pupilId: 'p-1', onDate: '2026-12-01', reason: 'moved_away' })
      .then([
        {
          type: 'PupilWithdrawn',
          data: { pupilId: 'p-1', ...sevenA, onDate: '2026-12-01', reason: 'moved_away' },
        },
      ]));
});

describe('a pupil withdrawn on 1 December', () => {
  const withdrawn: EnrolmentEvent = {
    type: 'PupilWithdrawn',
    data: { pupilId: 'p-1', ...sevenA, onDate: '2026-12-01', reason: 'moved_away' },
  };
  it('can be enrolled again from that day', () =>
    given([enrolled, withdrawn])
      .when({ type: 'EnrolPupil', pupilId: 'p-1', to: sevenB, onDate: '2026-12-01', year })
      .then([
        { type: 'PupilEnrolled', data: { pupilId: 'p-1', ...sevenB, onDate: '2026-12-01' } },
      ]));
  it('cannot be enrolled again before it', () =>
    given([enrolled, withdrawn])
      .when({ type: 'EnrolPupil', pupilId: 'p-1', to: sevenB, onDate: '2026-11-30', year })
      .thenRefuses('IDENTITY.DATE_BEFORE_LAST_CHANGE'));
});
