/** Nest injection tokens of the diary's infrastructure. */
export const DIARY_CONFIG = Symbol('DIARY_CONFIG');
export const APP_POOL = Symbol('APP_POOL');
export const MONGO = Symbol('MONGO');
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;
