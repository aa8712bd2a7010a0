import type { RecordedEvent } from '../envelope/event-envelope';
import { EventRegistry } from '../registry/event-registry';
import { AcademicCalendarSetV1, type AcademicCalendarSet } from './calendar.events';
import * as classes from './class-group.events';
import {
  ConsentGivenV1,
  ConsentWithdrawnV1,
  type ConsentGiven,
  type ConsentWithdrawn,
} from './consent.events';
import * as enrolment from './enrolment.events';
import { RoleGrantedV1, RoleRevokedV1, type RoleGranted, type RoleRevoked } from './grant.events';
import * as guardianship from './guardianship.events';
import { SchoolPolicyPublishedV1, type SchoolPolicyPublished } from './policy.events';
import * as tenancy from './tenancy.events';

/** Identity's facts: ids only, never names or contacts (those stay in identity's tables). */
export const identityRegistry = new EventRegistry().register(
  tenancy.MunicipalityRegisteredV1,
  tenancy.SchoolRegisteredV1,
  AcademicCalendarSetV1,
  SchoolPolicyPublishedV1,
  classes.ClassOpenedV1,
  classes.GroupFormedV1,
  classes.GroupMemberAddedV1,
  classes.GroupMemberRemovedV1,
  enrolment.PupilEnrolledV1,
  enrolment.PupilTransferredV1,
  enrolment.PupilWithdrawnV1,
  enrolment.PupilReleasedV1,
  enrolment.PupilAdmittedV1,
  guardianship.GuardianLinkedV1,
  guardianship.GuardianshipRestrictedV1,
  guardianship.GuardianshipEndedV1,
  RoleGrantedV1,
  RoleRevokedV1,
  ConsentGivenV1,
  ConsentWithdrawnV1,
);

export type IdentityEvent =
  | tenancy.MunicipalityRegistered
  | tenancy.SchoolRegistered
  | AcademicCalendarSet
  | SchoolPolicyPublished
  | classes.ClassOpened
  | classes.GroupFormed
  | classes.GroupMemberAdded
  | classes.GroupMemberRemoved
  | enrolment.PupilEnrolled
  | enrolment.PupilTransferred
  | enrolment.PupilWithdrawn
  | enrolment.PupilReleased
  | enrolment.PupilAdmitted
  | guardianship.GuardianLinked
  | guardianship.GuardianshipRestricted
  | guardianship.GuardianshipEnded
  | RoleGranted
  | RoleRevoked
  | ConsentGiven
  | ConsentWithdrawn;

export type IdentityEventType = IdentityEvent['type'];

export type RecordedIdentityEvent = {
  [T in IdentityEventType]: RecordedEvent<T, Extract<IdentityEvent, { type: T }>['data']>;
}[IdentityEventType];
