/** Nest injection tokens of the journal's infrastructure. */
export const JOURNAL_CONFIG = Symbol('JOURNAL_CONFIG');
export const APP_POOL = Symbol('APP_POOL');
export const APP_URL = Symbol('APP_URL');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const MONGO = Symbol('MONGO');
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;
