/** The projector's subscription in the store, and the name of its lease. */
export const PROJECTION_NAME = 'journal-read-models';
