export * from './decider';
export * from './refusal';
export * from './school-time';
