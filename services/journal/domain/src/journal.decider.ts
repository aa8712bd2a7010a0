import type { Decider } from '@ejournal/decider';
import type { JournalCommand } from './journal.commands';
import { decideJournal } from './journal.decide';
import type { JournalFact } from './journal.events';
import { evolveJournal, evolveJournalAll, evolveJournalOwned } from './journal.evolve';
import { initialJournalState, type JournalState } from './journal.state';

/** Stream `journal-{journalId}`: one journal of one group for one academic year. */
export const journalDecider: Decider<JournalCommand, JournalFact, JournalState> = {
  decide: decideJournal,
  evolve: evolveJournal,
  evolveAll: evolveJournalAll,
  evolveOwned: evolveJournalOwned,
  initialState: initialJournalState,
};
