import type { RoleGranted } from '@ejournal/contracts';

export type Role = RoleGranted['data']['role'];
export type StoredScope = RoleGranted['data']['scope'];

/** The scope kinds each role may be granted in. */
export const ROLE_SCOPES: Record<Role, readonly StoredScope['kind'][]> = {
  regional_operator: ['region'],
  municipal_operator: ['municipality'],
  auditor: ['region', 'school'],
  school_admin: ['school'],
  head: ['school'],
  deputy_head: ['school'],
  teacher: ['school'],
  class_teacher: ['class'],
  parent: ['school'],
  pupil: ['school'],
  service: ['region'],
};

/** Roles a school administrator may grant within the school; the rest are regional acts. */
export const SCHOOL_GRANTABLE_ROLES: readonly Role[] = [
  'school_admin',
  'head',
  'deputy_head',
  'teacher',
  'class_teacher',
  'parent',
  'pupil',
  'auditor',
];
