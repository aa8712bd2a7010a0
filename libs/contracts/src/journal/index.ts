export * from './attendance-recorded.event';
export * from './journal-opened.event';
export * from './journal-registry';
export * from './lesson-held.event';
export * from './mark-corrected.event';
export * from './mark-recorded.event';
