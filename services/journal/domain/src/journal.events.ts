import type { JournalStreamEvent, SummaryStreamEvent } from '@ejournal/contracts';
import type { Fact } from '@ejournal/decider';

/**
 * An event as a decider sees it. Freshly decided events carry only `type` and `data`; recorded
 * events, folded by the handler, also carry the store's `eventId` and the actor's `userId`
 * (`actorId`), which the state keeps as authorship and as the id a correction names.
 */
export type FactOf<E> = Fact<E> & { eventId?: string; actorId?: string };

/** An event of a `journal-{id}` stream. */
export type JournalFact = FactOf<JournalStreamEvent>;

/** An event of a `summary-{schoolId}-{startYear}-{classId}` stream. */
export type SummaryFact = FactOf<SummaryStreamEvent>;

export type JournalFactOf<T extends JournalFact['type']> = Extract<JournalFact, { type: T }>;
export type SummaryFactOf<T extends SummaryFact['type']> = Extract<SummaryFact, { type: T }>;
