// Shared with the other services' end-to-end specs: libs/testing/src/e2e.
export {
  calendarOf,
  eventually,
  expectStatus,
  POLICY,
  registerSchool,
  SCHOOL_17,
  SCHOOL_18,
  signInEveryone,
  signInOperator,
  yearAroundToday,
} from '@ejournal/testing';
