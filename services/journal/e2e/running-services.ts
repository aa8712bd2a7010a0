// Shared with the other services' end-to-end specs: libs/testing/src/e2e.
export { startIdentityAndJournal } from '@ejournal/testing';
