export * from './decider';
export * from './refusal';
export * from './school-time';
export * from './policy-average';
