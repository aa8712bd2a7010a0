import { calendarDate, type GuardianLinked } from '@ejournal/contracts';
import type { Role } from '../grants/role-scopes';

export const KINDS: Record<string, 'class' | 'pupil' | 'guardian' | 'staff'> = {
  класс: 'class',
  class: 'class',
  ученик: 'pupil',
  учащийся: 'pupil',
  pupil: 'pupil',
  родитель: 'guardian',
  'законный представитель': 'guardian',
  guardian: 'guardian',
  сотрудник: 'staff',
  staff: 'staff',
};

export const STAFF_ROLES: Record<string, Role> = {
  учитель: 'teacher',
  teacher: 'teacher',
  'классный руководитель': 'class_teacher',
  class_teacher: 'class_teacher',
  завуч: 'deputy_head',
  'заместитель директора': 'deputy_head',
  deputy_head: 'deputy_head',
  директор: 'head',
  head: 'head',
  администратор: 'school_admin',
  school_admin: 'school_admin',
};

export const RELATIONS: Record<string, GuardianLinked['data']['relation']> = {
  мать: 'mother',
  mother: 'mother',
  отец: 'father',
  father: 'father',
  опекун: 'legal_guardian',
  попечитель: 'legal_guardian',
  legal_guardian: 'legal_guardian',
  '': 'other',
};

/** `31.08.2015` (as spreadsheets export it) or `2015-08-31`, checked as every API date is. */
export function parseDate(value: string): string | null {
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const iso = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : value;
  return calendarDate.safeParse(iso).success ? iso : null;
}

/** `7А`, `11Б`, `7 а` → grade and capital letter. */
export function parseClassLabel(value: string): { grade: number; letter: string } | null {
  const match = /^(\d{1,2})\s*-?\s*([А-ЯЁа-яёA-Za-z])$/u.exec(value.trim());
  if (!match) return null;
  const grade = Number(match[1]);
  if (grade < 1 || grade > 11) return null;
  return { grade, letter: (match[2] as string).toUpperCase() };
}

/** Cyrillic or Latin letters, with hyphens, apostrophes and inner spaces (Анна-Мария, О'Нил). */
export const isName = (value: string) => /^[\p{L}][\p{L}' -]{0,99}$/u.test(value);

export const isEmail = (value: string) => /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(value);

/** A Russian phone number as +7 and ten digits, or null. */
export function normalisePhone(value: string): string | null {
  const digits = value.replace(/[^\d+]/g, '');
  const match = /^(?:\+7|8|7)(\d{10})$/.exec(digits);
  return match ? `+7${match[1]}` : null;
}

export const splitList = (value: string) =>
  value
    .split(/[,|/;]/)
    .map((item) => item.trim())
    .filter(Boolean);
