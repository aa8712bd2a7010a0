import { specify } from '@ejournal/decider/testing';
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
  it('is transferred to another school in one step (both acts) under an order', () =>
    given([enrolled])
      .when({
        type: 'TransferPupil',
        pupilId: 'p-1',
        to: otherSchool,
        onDate: '2027-01-09',
        year,
        orderRef: 'МО-7',
      })
      .then([
        {
          type: 'PupilReleased',
          data: {
            pupilId: 'p-1',
            ...sevenA,
            onDate: '2027-01-09',
            toSchoolId: 'school-18',
            orderRef: 'МО-7',
          },
        },
        {
          type: 'PupilAdmitted',
          data: {
            pupilId: 'p-1',
            ...otherSchool,
            onDate: '2027-01-09',
            fromSchoolId: 'school-17',
            orderRef: 'МО-7',
          },
        },
      ]));
  it('cannot be transferred to another school without an order', () =>
    given([enrolled])
      .when({ type: 'TransferPupil', pupilId: 'p-1', to: otherSchool, onDate: '2027-01-09', year })
      .thenRefuses('IDENTITY.ORDER_REQUIRED'));
  it('is moved to another class of the school without an order', () =>
    given([enrolled])
      .when({ type: 'TransferPupil', pupilId: 'p-1', to: sevenB, onDate: '2027-01-09', year })
      .then([
        {
          type: 'PupilTransferred',
          data: {
            pupilId: 'p-1',
            fromSchoolId: 'school-17',
            fromClassId: 'class-7a',
            toSchoolId: 'school-17',
            toClassId: 'class-7b',
            onDate: '2027-01-09',
          },
        },
      ]));
  it('is released by its school to a destination, by order', () =>
    given([enrolled])
      .when({
        type: 'ReleasePupil',
        pupilId: 'p-1',
        onDate: '2027-01-09',
        toSchoolId: 'school-18',
        orderRef: '12-у',
      })
      .then([
        {
          type: 'PupilReleased',
          data: {
            pupilId: 'p-1',
            ...sevenA,
            onDate: '2027-01-09',
            toSchoolId: 'school-18',
            orderRef: '12-у',
          },
        },
      ]));
  it('cannot be released to its own school', () =>
    given([enrolled])
      .when({
        type: 'ReleasePupil',
        pupilId: 'p-1',
        onDate: '2027-01-09',
        toSchoolId: 'school-17',
        orderRef: '12-у',
      })
      .thenRefuses('IDENTITY.RELEASE_TO_SAME_SCHOOL'));
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

describe('a pupil released by school 17 to school 18 on 9 January', () => {
  const released: EnrolmentEvent = {
    type: 'PupilReleased',
    data: {
      pupilId: 'p-1',
      ...sevenA,
      onDate: '2027-01-09',
      toSchoolId: 'school-18',
      orderRef: '12-у',
    },
  };
  const admit = (to: typeof sevenA, orderRef: string | null, onDate = '2027-01-09') =>
    given([enrolled, released]).when({
      type: 'EnrolPupil',
      pupilId: 'p-1',
      to,
      onDate,
      year,
      orderRef,
    });
  it('is admitted by the destination under its order', () =>
    admit(otherSchool, '31-з').then([
      {
        type: 'PupilAdmitted',
        data: {
          pupilId: 'p-1',
          ...otherSchool,
          onDate: '2027-01-09',
          fromSchoolId: 'school-17',
          orderRef: '31-з',
        },
      },
    ]));
  it('cannot be admitted without the order', () =>
    admit(otherSchool, null).thenRefuses('IDENTITY.ORDER_REQUIRED'));
  it('cannot be admitted before the release', () =>
    admit(otherSchool, '31-з', '2027-01-08').thenRefuses('IDENTITY.DATE_BEFORE_LAST_CHANGE'));
  it('cannot be placed in a third school', () =>
    admit({ schoolId: 'school-19', classId: 'class-5a' }, '31-з').thenRefuses(
      'IDENTITY.RELEASED_TO_ANOTHER_SCHOOL',
    ));
  it('is no longer enrolled: its old school cannot withdraw or transfer it', () =>
    given([enrolled, released])
      .when({ type: 'WithdrawPupil', pupilId: 'p-1', onDate: '2027-02-01', reason: 'other' })
      .thenRefuses('IDENTITY.NOT_ENROLLED'));
});
