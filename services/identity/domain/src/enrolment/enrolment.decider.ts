import type { PupilEnrolled, PupilTransferred, PupilWithdrawn } from '@ejournal/contracts';
import { WITHDRAWAL_REASONS } from '@ejournal/contracts';
import { unreachable, type Decider, type Fact } from '../decider';
import { isWithin, type IsoDate } from '../dates';
import { refuse } from '../identity-error';

export type EnrolmentEvent = Fact<PupilEnrolled | PupilTransferred | PupilWithdrawn>;

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

export type EnrolmentCommand =
  | { type: 'EnrolPupil'; pupilId: string; to: Placement; onDate: IsoDate; year: SchoolYear }
  | { type: 'TransferPupil'; pupilId: string; to: Placement; onDate: IsoDate; year: SchoolYear }
  | {
      type: 'WithdrawPupil';
      pupilId: string;
      onDate: IsoDate;
      reason: (typeof WITHDRAWAL_REASONS)[number];
    };

export interface EnrolmentState {
  placement: Placement | null;
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

const samePlacement = (a: Placement | null, b: Placement) =>
  a?.schoolId === b.schoolId && a.classId === b.classId;

/** Stream `enrolment-{pupilId}`. Enrolling into the class the pupil is in changes nothing. */
export const enrolmentDecider: Decider<EnrolmentCommand, EnrolmentEvent, EnrolmentState> = {
  initialState: { placement: null, lastChangeOn: null },

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
        return [{ type: 'PupilEnrolled', data: { pupilId, ...command.to, onDate } }];
      }
      case 'TransferPupil': {
        const from = state.placement;
        if (!from)
          throw refuse.conflict('IDENTITY.NOT_ENROLLED', 'The pupil is not enrolled anywhere');
        if (samePlacement(from, command.to)) return [];
        checkDate(state, onDate, command.year);
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
      default:
        return unreachable(command);
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'PupilEnrolled':
        return {
          placement: { schoolId: event.data.schoolId, classId: event.data.classId },
          lastChangeOn: event.data.onDate,
        };
      case 'PupilTransferred':
        return {
          placement: { schoolId: event.data.toSchoolId, classId: event.data.toClassId },
          lastChangeOn: event.data.onDate,
        };
      case 'PupilWithdrawn':
        return { placement: null, lastChangeOn: event.data.onDate };
      default:
        return unreachable(event);
    }
  },
};
