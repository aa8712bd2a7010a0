import { journalRegistry } from '@ejournal/contracts';
import type { EventStore } from '@ejournal/event-store';
import { PostgresRelayLease } from '@ejournal/messaging';
import { WritePath } from '@ejournal/write-path';
import type { Pool } from 'pg';
import { PostgresIdentityFacts } from '../../facts/postgres-identity-facts';
import type { JournalReadModels } from '../../read-models/documents/read-model-schemas';
import { JournalDirectory } from '../../write/journal-directory';
import { PlanningStates } from '../reads/planning-states';
import { PlanningFactsLoader } from '../write/planning-facts';
import { schoolCompletionId, type CompletionModels } from './completion-documents';
import { CompletionKeeper } from './completion-keeper';
import { COMPLETION_PROJECTION } from './completion-projector';
import { CompletionSources } from './completion-sources';

export interface CompletionRebuildDependencies {
  store: EventStore;
  pool: Pool;
  models: CompletionModels;
  journalModels: JournalReadModels;
}

/** The completion read models' sources outside the application (the rebuild's command). */
export function completionKeeperOf(deps: CompletionRebuildDependencies): CompletionKeeper {
  const identity = new PostgresIdentityFacts(deps.pool);
  const writePath = new WritePath({
    store: deps.store,
    clock: () => new Date(),
    registry: journalRegistry,
  });
  const facts = new PlanningFactsLoader(
    deps.pool,
    identity,
    new JournalDirectory(deps.store, identity),
  );
  const sources = new CompletionSources(
    deps.journalModels,
    identity,
    new PlanningStates(writePath, deps.store),
    facts,
  );
  return new CompletionKeeper(deps.models, deps.journalModels, sources);
}

/**
 * Recomputes every journal's and every school year's completion document in place from the
 * journal read models (rebuilt first) and the planning streams, and removes those of journals
 * no longer there. Documents are replaced one by one, so readers see the old figures or the
 * new. Run while the completion projection is paused (pauseCompletion): one writer.
 */
export async function rebuildCompletion(
  deps: CompletionRebuildDependencies,
): Promise<{ journals: number; schools: number }> {
  const keeper = completionKeeperOf(deps);
  const journals = await deps.journalModels.journals.find({});
  const schools = new Set<string>();
  for (const streamId of await deps.store.listStreams('planning')) {
    const cut = streamId.lastIndexOf('-');
    const startYear = Number(streamId.slice(cut + 1));
    schools.add(
      schoolCompletionId(streamId.slice('planning-'.length, cut), `${startYear}/${startYear + 1}`),
    );
  }
  for (const journal of journals)
    schools.add(schoolCompletionId(journal.schoolId, journal.academicYear));
  const kept = new Set(journals.map((journal) => journal._id));
  for (const document of await deps.models.journals.find({})) {
    if (kept.has(document._id)) continue;
    await deps.models.journals.deleteOne(document._id);
    schools.add(schoolCompletionId(document.schoolId, document.academicYear));
  }
  await keeper.apply({ journals: new Map(journals.map((j) => [j._id, 0])), schools });
  return { journals: journals.length, schools: schools.size };
}

/** Holds the completion projection's lease (the projecting replica gives it up on a rebuild). */
export async function pauseCompletion(storeUrl: string) {
  const lease = new PostgresRelayLease({
    connectionString: storeUrl,
    name: COMPLETION_PROJECTION,
    holder: 'projection',
    retryMs: 200,
  });
  if (!(await lease.acquire(new AbortController().signal))) {
    throw new Error('stopped while waiting for the completion projection to pause');
  }
  return { resume: () => lease.release() };
}
