import type {
  PupilAdmitted,
  PupilEnrolled,
  PupilReleased,
  PupilTransferred,
  PupilWithdrawn,
} from '@ejournal/contracts';
import { WITHDRAWAL_REASONS } from '@ejournal/contracts';
import { defineDecider, isWithin, unreachable, type Fact, type IsoDate } from '@ejournal/decider';
import { refuse } from '../identity.errors';

export type EnrolmentEvent = Fact<
  PupilEnrolled | PupilTransferred | PupilWithdrawn | PupilReleased | PupilAdmitted
>;

/** The academic year the date must fall in, from the target school's calendar. */
export interface SchoolYear {
  academicYear: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface Placement {
  schoolId: string;
  classId: string;
}

/**
 * `EnrolPupil` places a pupil enrolled nowhere; after a release it is the receiving school's
 * admission and needs its order. `TransferPupil` to another school is both acts at once (a
 * municipal or regional decision) and needs the order too.
 */
interface Placing {
  pupilId: string;
  to: Placement;
  onDate: IsoDate;
  year: SchoolYear;
  orderRef?: string | null;
}

export type EnrolmentCommand =
  | ({ type: 'EnrolPupil' } & Placing)
  | ({ type: 'TransferPupil' } & Placing)
  | {
      type: 'ReleasePupil';
      pupilId: string;
      onDate: IsoDate;
      toSchoolId: string | null;
      orderRef: string;
    }
  | {
      type: 'WithdrawPupil';
      pupilId: string;
      onDate: IsoDate;
      reason: (typeof WITHDRAWAL_REASONS)[number];
    };

/** A pupil who left a school by its order and is not yet placed anywhere. */
export interface Release {
  fromSchoolId: string;
  toSchoolId: string | null;
  onDate: IsoDate;
}

export interface EnrolmentState {
  placement: Placement | null;
  release: Release | null;
  /** The date of the last change: no later change may be dated before it. */
  lastChangeOn: IsoDate | null;
}

/** Transfers and withdrawals must come after the last change; a re-enrolment not before it. */
function checkDate(state: EnrolmentState, onDate: IsoDate, year?: SchoolYear, strict = true): void {
  if (year && !isWithin(onDate, year)) {
    throw refuse.unprocessable(
      'IDENTITY.DATE_OUTSIDE_ACADEMIC_YEAR',
      `${onDate} is outside the academic year ${year.academicYear} (${year.startsOn}–${year.endsOn})`,
    );
  }
  const last = state.lastChangeOn;
  if (last && (strict ? onDate <= last : onDate < last)) {
    throw refuse.unprocessable(
      'IDENTITY.DATE_BEFORE_LAST_CHANGE',
      `The pupil's placement last changed on ${state.lastChangeOn}; a change must be dated later`,
    );
  }
}

function requireOrder(orderRef: string | null | undefined, act: string): string {
  if (!orderRef) {
    throw refuse.unprocessable('IDENTITY.ORDER_REQUIRED', `${act} needs the order (orderRef)`);
  }
  return orderRef;
}

const samePlacement = (a: Placement | null, b: Placement) =>
  a?.schoolId === b.schoolId && a.classId === b.classId;

/** Stream `enrolment-{pupilId}`. Enrolling into the class the pupil is in changes nothing. */
export const enrolmentDecider = defineDecider<EnrolmentCommand, EnrolmentEvent, EnrolmentState>({
  initialState: { placement: null, release: null, lastChangeOn: null },

  decide(command, state) {
    const { pupilId, onDate } = command;
    switch (command.type) {
      case 'EnrolPupil': {
        if (samePlacement(state.placement, command.to)) return [];
        if (state.placement) {
          throw refuse.conflict(
            'IDENTITY.ALREADY_ENROLLED',
            'The pupil is enrolled elsewhere: transfer them',
          );
        }
        checkDate(state, onDate, command.year, false);
        const release = state.release;
        if (!release) return [{ type: 'PupilEnrolled', data: { pupilId, ...command.to, onDate } }];
        const to = command.to.schoolId;
        if (release.toSchoolId && to !== release.toSchoolId && to !== release.fromSchoolId) {
          throw refuse.conflict(
            'IDENTITY.RELEASED_TO_ANOTHER_SCHOOL',
            'The pupil was released to another school',
          );
        }
        const orderRef = requireOrder(command.orderRef, 'An admission after a release');
        const data = {
          pupilId,
          ...command.to,
          onDate,
          fromSchoolId: release.fromSchoolId,
          orderRef,
        };
        return [{ type: 'PupilAdmitted', data }];
      }
      case 'TransferPupil': {
        const from = state.placement;
        if (!from)
          throw refuse.conflict('IDENTITY.NOT_ENROLLED', 'The pupil is not enrolled anywhere');
        if (samePlacement(from, command.to)) return [];
        checkDate(state, onDate, command.year);
        if (from.schoolId !== command.to.schoolId) {
          const orderRef = requireOrder(command.orderRef, 'A transfer to another school');
          const { schoolId, classId } = command.to;
          return [
            {
              type: 'PupilReleased',
              data: { pupilId, ...from, onDate, toSchoolId: schoolId, orderRef },
            },
            {
              type: 'PupilAdmitted',
              data: { pupilId, schoolId, classId, onDate, fromSchoolId: from.schoolId, orderRef },
            },
          ];
        }
        const data = {
          pupilId,
          fromSchoolId: from.schoolId,
          fromClassId: from.classId,
          toSchoolId: command.to.schoolId,
          toClassId: command.to.classId,
          onDate,
        };
        return [{ type: 'PupilTransferred', data }];
      }
      case 'WithdrawPupil': {
        const from = state.placement;
        if (!from)
          throw refuse.conflict('IDENTITY.NOT_ENROLLED', 'The pupil is not enrolled anywhere');
        checkDate(state, onDate);
        return [
          { type: 'PupilWithdrawn', data: { pupilId, ...from, onDate, reason: command.reason } },
        ];
      }
      case 'ReleasePupil': {
        const from = state.placement;
        if (!from)
          throw refuse.conflict('IDENTITY.NOT_ENROLLED', 'The pupil is not enrolled anywhere');
        if (command.toSchoolId === from.schoolId) {
          throw refuse.unprocessable(
            'IDENTITY.RELEASE_TO_SAME_SCHOOL',
            'A move inside the school is a transfer between its classes',
          );
        }
        checkDate(state, onDate);
        const { toSchoolId, orderRef } = command;
        return [
          { type: 'PupilReleased', data: { pupilId, ...from, onDate, toSchoolId, orderRef } },
        ];
      }
      default:
        return unreachable(command);
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'PupilEnrolled':
      case 'PupilAdmitted':
        return {
          placement: { schoolId: event.data.schoolId, classId: event.data.classId },
          release: null,
          lastChangeOn: event.data.onDate,
        };
      case 'PupilTransferred':
        return {
          placement: { schoolId: event.data.toSchoolId, classId: event.data.toClassId },
          release: null,
          lastChangeOn: event.data.onDate,
        };
      case 'PupilWithdrawn':
        return { placement: null, release: null, lastChangeOn: event.data.onDate };
      case 'PupilReleased': {
        const { schoolId, toSchoolId, onDate } = event.data;
        return {
          placement: null,
          release: { fromSchoolId: schoolId, toSchoolId, onDate },
          lastChangeOn: onDate,
        };
      }
      default:
        return unreachable(event);
    }
  },
});
