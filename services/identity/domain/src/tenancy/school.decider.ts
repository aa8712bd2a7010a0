import type {
  AcademicCalendarSet,
  ClassOpened,
  GroupFormed,
  SchoolPolicyPublished,
  SchoolRegistered,
} from '@ejournal/contracts';
import { defineDecider, unreachable, type Fact } from '@ejournal/decider';
import { refuse } from '../identity.errors';
import { sameContent } from '../same-content';
import { checkCalendar, type AcademicCalendar } from './calendar-rules';
import { samePolicy, type PolicyDraft } from './policy-rules';

export type SchoolEvent = Fact<
  SchoolRegistered | AcademicCalendarSet | SchoolPolicyPublished | ClassOpened | GroupFormed
>;

export type SchoolCommand =
  | { type: 'RegisterSchool'; school: SchoolRegistered['data']; municipalityKnown: boolean }
  | { type: 'SetAcademicCalendar'; calendar: AcademicCalendar }
  | { type: 'PublishPolicy'; policy: PolicyDraft }
  | { type: 'OpenClass'; class: Omit<ClassOpened['data'], 'schoolId'> }
  | { type: 'FormGroup'; group: Omit<GroupFormed['data'], 'schoolId'> };

export type SchoolState =
  | { registered: false }
  | {
      registered: true;
      schoolId: string;
      calendars: Record<string, AcademicCalendar>;
      policy: SchoolPolicyPublished['data'] | null;
      /** `${academicYear} ${grade}${letter}` → class id. */
      classes: Record<string, string>;
      groups: Record<string, GroupFormed['data']>;
    };

const classLabel = (c: { academicYear: string; grade: number; letter: string }) =>
  `${c.academicYear} ${c.grade}${c.letter}`;

export const schoolDecider = defineDecider<SchoolCommand, SchoolEvent, SchoolState>({
  initialState: { registered: false },

  decide(command, state) {
    if (command.type === 'RegisterSchool') {
      if (state.registered) return [];
      if (!command.municipalityKnown) {
        throw refuse.notFound(
          'IDENTITY.UNKNOWN_MUNICIPALITY',
          'No such municipality in the region',
        );
      }
      return [{ type: 'SchoolRegistered', data: command.school }];
    }
    if (!state.registered) throw refuse.notFound('IDENTITY.UNKNOWN_SCHOOL', 'No such school');
    const { schoolId } = state;
    switch (command.type) {
      case 'SetAcademicCalendar': {
        const calendar = { ...command.calendar, schoolId };
        checkCalendar(calendar);
        const current = state.calendars[calendar.academicYear];
        if (current && sameContent(current, calendar)) return [];
        return [{ type: 'AcademicCalendarSet', data: calendar }];
      }
      case 'PublishPolicy': {
        const { policy } = state;
        if (policy && samePolicy(policy, command.policy)) return [];
        if (policy && command.policy.effectiveFrom < policy.effectiveFrom) {
          throw refuse.unprocessable(
            'IDENTITY.POLICY_BACKDATED',
            'A new policy cannot take effect before the one in force',
          );
        }
        const policyVersion = (policy?.policyVersion ?? 0) + 1;
        return [
          { type: 'SchoolPolicyPublished', data: { ...command.policy, schoolId, policyVersion } },
        ];
      }
      case 'OpenClass': {
        const existing = state.classes[classLabel(command.class)];
        if (existing === command.class.classId) return [];
        if (existing)
          throw refuse.conflict(
            'IDENTITY.CLASS_EXISTS',
            `Class ${classLabel(command.class)} already exists`,
          );
        return [{ type: 'ClassOpened', data: { ...command.class, schoolId } }];
      }
      case 'FormGroup': {
        if (state.groups[command.group.groupId]) return [];
        return [{ type: 'GroupFormed', data: { ...command.group, schoolId } }];
      }
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'SchoolRegistered') {
      return {
        registered: true,
        schoolId: event.data.schoolId,
        calendars: {},
        policy: null,
        classes: {},
        groups: {},
      };
    }
    if (!state.registered) return state;
    switch (event.type) {
      case 'AcademicCalendarSet':
        return {
          ...state,
          calendars: { ...state.calendars, [event.data.academicYear]: event.data },
        };
      case 'SchoolPolicyPublished':
        return { ...state, policy: event.data };
      case 'ClassOpened':
        return {
          ...state,
          classes: { ...state.classes, [classLabel(event.data)]: event.data.classId },
        };
      case 'GroupFormed':
        return { ...state, groups: { ...state.groups, [event.data.groupId]: event.data } };
      default:
        return unreachable(event);
    }
  },
});
