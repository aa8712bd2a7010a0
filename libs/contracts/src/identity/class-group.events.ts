import { z } from 'zod';
import { calendarDate, freeText, identifier } from '../envelope/field-schemas';
import { defineEvent, type EventOf } from '../registry/define-event';
import { academicYear } from '../journal/journal-opened.event';
import { classLetter } from './identity-fields';

export const GROUP_KINDS = [
  'subgroup',
  'elective',
  'club',
  'extended_day',
  'extracurricular',
  'individual',
] as const;

/** A class of one academic year, `7А` (stream `school-{id}`, where labels are kept unique). */
export const ClassOpenedV1 = defineEvent({
  type: 'ClassOpened',
  schemaVersion: 1,
  data: z.strictObject({
    classId: identifier,
    schoolId: identifier,
    academicYear,
    grade: z.number().int().min(1).max(11),
    letter: classLetter,
  }),
});

/** An ad-hoc group of pupils, possibly from several classes (stream `school-{id}`). */
export const GroupFormedV1 = defineEvent({
  type: 'GroupFormed',
  schemaVersion: 1,
  data: z.strictObject({
    groupId: identifier,
    schoolId: identifier,
    academicYear,
    kind: z.enum(GROUP_KINDS),
    title: freeText(100),
  }),
});

/** Stream `group-{id}`: who was in the group on which days. */
export const GroupMemberAddedV1 = defineEvent({
  type: 'GroupMemberAdded',
  schemaVersion: 1,
  data: z.strictObject({ groupId: identifier, pupilId: identifier, fromDate: calendarDate }),
});

export const GroupMemberRemovedV1 = defineEvent({
  type: 'GroupMemberRemoved',
  schemaVersion: 1,
  data: z.strictObject({ groupId: identifier, pupilId: identifier, onDate: calendarDate }),
});

export type ClassOpened = EventOf<typeof ClassOpenedV1>;
export type GroupFormed = EventOf<typeof GroupFormedV1>;
export type GroupMemberAdded = EventOf<typeof GroupMemberAddedV1>;
export type GroupMemberRemoved = EventOf<typeof GroupMemberRemovedV1>;
