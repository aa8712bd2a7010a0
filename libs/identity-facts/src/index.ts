export { factsSchema, type FactsSchema } from './facts-schema';
export {
  advanceAppliedVersion,
  applyInStreamOrder,
  lockAppliedVersion,
  versionVerdict,
  type StreamEvent,
} from './applied-versions';
export { projectSchool, type SchoolEvent } from './project-school';
export {
  IdentityFactsInconsistentError,
  projectMembership,
  type MembershipEvent,
} from './project-membership';
export { projectStaff, STAFF_ROLES, type StaffEvent } from './project-staff';
export { classOf, membersDuring, membersOn } from './membership-queries';
export { closableBus } from './closable-bus';
export { PatientConsumer, type PatientConsumerOptions } from './patient-consumer';
