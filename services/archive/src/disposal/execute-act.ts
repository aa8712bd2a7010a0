import type { EventContext } from '@ejournal/write-path';
import { refuse } from '../retention/archive-refusals';
import type { RecordRetention } from '../retention/record-retention';
import {
  assertExecutable,
  type DisposalActState,
  type DisposalCommand,
} from './disposal-act.decider';
import type { StreamDisposer } from './stream-disposer';

interface Steps {
  load(): Promise<DisposalActState>;
  actStep(command: DisposalCommand): Promise<unknown>;
  retention: RecordRetention;
  disposer: StreamDisposer;
  /** The archive's own copy of the stream's content (`DocumentSources`). */
  sources: { forget(streamId: string, actReference: string): Promise<unknown> };
}

/**
 * Executes an approved act, each step recorded before the next, so a crash or a retry resumes
 * where it stopped and does nothing twice: every record is first marked as being disposed of
 * under the act (no hold can be placed after that), then disposed of by its owning store
 * (idempotent per act), then its content forgotten by the archive's own copy (idempotent), then
 * confirmed on the record and on the act; the act closes last.
 * A record under hold refuses the whole execution before anything is disposed of.
 */
export async function executeAct(actId: string, context: EventContext, steps: Steps) {
  const act = await steps.load();
  if (act.status === 'executed') return;
  assertExecutable(act);
  const done = new Set(act.executed.map((executed) => executed.recordId));
  const pending = act.records.filter((record) => !done.has(record.recordId));
  const standings = await Promise.all(
    pending.map((record) => steps.retention.standing(record.recordId)),
  );
  const held = standings.filter((standing) => standing.holds.length > 0);
  if (held.length > 0) {
    throw refuse.conflict(
      'ARCHIVE.LEGAL_HOLD',
      `Under legal hold: ${held.map((standing) => standing.recordId).join(', ')}; nothing is disposed of`,
    );
  }
  for (const record of pending) {
    const place = { _id: record.recordId, schoolId: act.schoolId as string };
    const data = { recordId: record.recordId, actId };
    await steps.retention.handle(place, { type: 'StartDisposal', data }, context);
    const reference = actReference(actId);
    const { eventCount, lastVersion, lastHash, disposedAt, executedBy } =
      await steps.disposer.dispose(record.recordId, reference, context.actor.userId);
    await steps.sources.forget(record.recordId, reference);
    const tombstone = { eventCount, lastVersion, lastHash, disposedAt, executedBy };
    const confirmed = { ...data, ...tombstone };
    await steps.retention.handle(place, { type: 'ConfirmDisposal', data: confirmed }, context);
    await steps.actStep({ type: 'RecordExecuted', data: confirmed });
  }
  await steps.actStep({ type: 'CompleteAct', data: { actId } });
}

/** How the store's tombstone names the act. */
export const actReference = (actId: string) => `archive disposal act ${actId}`;
