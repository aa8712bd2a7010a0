/** Nest injection tokens of the archive's infrastructure. */
export const ARCHIVE_CONFIG = Symbol('ARCHIVE_CONFIG');
export const APP_POOL = Symbol('APP_POOL');
export const APP_URL = Symbol('APP_URL');
export const MONGO = Symbol('MONGO');
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;
