/** Nest injection tokens of identity's infrastructure. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
export const APP_POOL = Symbol('APP_POOL');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;
export const APP_URL = Symbol('APP_URL');
