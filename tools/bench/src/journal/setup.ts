import { httpClient } from '@ejournal/testing';
import { perSecond, round } from '../measure';
import { appendHistory, type HistoryJournal } from './history';
import { publishIdentityFacts, waitForFacts } from './identity-facts';
import { rebuildReadModels, startJournal } from './journal-process';
import { openJournals } from './open-journals';
import type { Platform } from './platform';
import { integrityCatchUp, projectorCatchUp, RELAY } from './projection';
import type { BenchSchool } from './school';
import type { TokenIssuer } from './tokens';

type Log = (line: string) => void;

/**
 * The journal with its school and history in place, projected: identity's facts through
 * Kafka; journals opened and teachers assigned through the API; then, the service stopped,
 * the history appended to its store and the read models rebuilt by the journal's operator
 * CLI (as after an import: documents written in bulk, not event by event); the service
 * started again, its projector going from its checkpoint over the events the rebuild already
 * wrote. `cleanups` gets what to stop at the end.
 */
export async function prepareJournals(
  platform: Platform,
  tokens: TokenIssuer,
  school: BenchSchool,
  options: { fullYear: number; projectWithinMs: number },
  log: Log,
  cleanups: (() => Promise<unknown>)[],
) {
  log('identity facts: appending the school to an identity store, relaying it to Kafka');
  const facts = await publishIdentityFacts(platform, school);
  cleanups.push(() => facts.relay.stop());
  const env = platform.journalEnv(platform.mongoUrl(''), tokens.jwksUrl);
  let journal = await startJournal(env);
  let journals: HistoryJournal[];
  try {
    const factsSeconds = await waitForFacts(platform, facts.streams);
    log(`identity facts applied by the journal in ${factsSeconds.toFixed(1)} s; opening journals`);
    journals = await openJournals(httpClient(journal.baseUrl), tokens, school);
  } finally {
    await journal.stop();
  }
  log(`journal stopped; appending history: ${options.fullYear} year journals, others a fortnight`);
  const appended = await appendHistory(
    platform.journalAppUrl(),
    school,
    journals,
    options.fullYear,
  );
  log(`${appended.events} events in ${appended.seconds.toFixed(1)} s; the operator's rebuild`);
  const started = performance.now();
  const rebuilt = await rebuildReadModels(env);
  const rebuildSeconds = round((performance.now() - started) / 1000, 1);
  log(`${rebuilt} in ${rebuildSeconds} s; starting the journal, its projector catching up`);
  journal = await startJournal(env);
  cleanups.push(() => journal.stop());
  const projected = await projectorCatchUp(platform.journalAdmin, log, options.projectWithinMs);
  log(`projector: ${projected.events} events in ${projected.seconds} s`);
  // The relay and the Merkle log go over the year appended without the service: measured
  // here, and waited for, so the load meets a service that follows appends as they come.
  const published = await projectorCatchUp(
    platform.journalAdmin,
    log,
    options.projectWithinMs,
    RELAY,
  );
  log(`relay: ${published.events} events to Kafka in ${published.seconds} s`);
  const hashed = await integrityCatchUp(platform.journalAdmin, log, options.projectWithinMs);
  log(`Merkle log: ${hashed.leaves} leaves in ${hashed.seconds} s`);
  return {
    journal,
    journals,
    history: {
      events: appended.events,
      appendSeconds: round(appended.seconds, 1),
      appendEventsPerSec: perSecond(appended.events, appended.seconds),
      rebuild: { seconds: rebuildSeconds, by: 'rebuild-read-models.cli.js, the service stopped' },
      projectorCatchUp: projected,
      relayCatchUp: published,
      merkleLogCatchUp: hashed,
    },
  };
}
