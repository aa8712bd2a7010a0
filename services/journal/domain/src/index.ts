export * from './decider';
export * from './journal-error';
export * from './journal.commands';
export * from './journal.facts';
