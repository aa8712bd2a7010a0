import type {
  LegalHoldPlaced,
  LegalHoldReleased,
  RecordDisposalStarted,
  RecordDisposed,
  RecordRetentionEvent,
} from '@ejournal/contracts';
import { defineDecider, unreachable, type Fact } from '@ejournal/decider';
import { refuse } from './archive-refusals';

type Tombstone = Omit<RecordDisposed['data'], 'recordId' | 'actId'>;

export type RetentionCommand =
  | { type: 'PlaceHold'; data: LegalHoldPlaced['data'] }
  | { type: 'ReleaseHold'; data: LegalHoldReleased['data'] }
  | { type: 'StartDisposal'; data: RecordDisposalStarted['data'] }
  | { type: 'ConfirmDisposal'; data: RecordDisposed['data'] };

export type RetentionFact = Fact<RecordRetentionEvent>;

/** A record's legal holds and disposal, from its `retention-{recordId}` stream. */
export interface RetentionState {
  /** Holds in force, by id, with why and under which order. */
  holds: Record<string, { reason: string; orderRef: string | null }>;
  released: string[];
  disposal: { actId: string; status: 'started' | 'disposed'; tombstone: Tombstone | null } | null;
}

const initialState: RetentionState = { holds: {}, released: [], disposal: null };

/**
 * Legal hold and disposal of one record. A hold blocks disposal until released; once an
 * approved act started disposing of the record no hold can be placed, and a disposed record
 * takes nothing more. Repeats of the same hold, release or act step change nothing.
 */
export const recordRetention = defineDecider<RetentionCommand, RetentionFact, RetentionState>({
  initialState,
  decide(command, state) {
    switch (command.type) {
      case 'PlaceHold': {
        const { holdId } = command.data;
        if (state.holds[holdId] || state.released.includes(holdId)) return [];
        if (state.disposal) {
          throw refuse.conflict(
            'ARCHIVE.RECORD_DISPOSED',
            `The record is disposed of (or being disposed of) under act ${state.disposal.actId}`,
          );
        }
        return [{ type: 'LegalHoldPlaced', data: command.data }];
      }
      case 'ReleaseHold': {
        const { holdId } = command.data;
        if (state.released.includes(holdId)) return [];
        if (!state.holds[holdId]) {
          throw refuse.notFound('ARCHIVE.HOLD_NOT_FOUND', `The record has no hold ${holdId}`);
        }
        return [{ type: 'LegalHoldReleased', data: command.data }];
      }
      case 'StartDisposal': {
        const { actId } = command.data;
        if (state.disposal?.actId === actId) return [];
        if (state.disposal) {
          throw refuse.conflict(
            'ARCHIVE.RECORD_DISPOSED',
            `The record is disposed of under act ${state.disposal.actId}`,
          );
        }
        const held = Object.keys(state.holds);
        if (held.length > 0) {
          throw refuse.conflict(
            'ARCHIVE.LEGAL_HOLD',
            `The record is under legal hold (${held.join(', ')}): it may not be disposed of`,
          );
        }
        return [{ type: 'RecordDisposalStarted', data: command.data }];
      }
      case 'ConfirmDisposal': {
        const { actId } = command.data;
        if (state.disposal?.actId !== actId) {
          throw refuse.conflict(
            'ARCHIVE.DISPOSAL_NOT_STARTED',
            `Act ${actId} did not start disposing of the record`,
          );
        }
        if (state.disposal.status === 'disposed') return [];
        return [{ type: 'RecordDisposed', data: command.data }];
      }
      default:
        return unreachable(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'LegalHoldPlaced': {
        const { holdId, reason, orderRef } = event.data;
        return { ...state, holds: { ...state.holds, [holdId]: { reason, orderRef } } };
      }
      case 'LegalHoldReleased': {
        const holds = { ...state.holds };
        delete holds[event.data.holdId];
        return { ...state, holds, released: [...state.released, event.data.holdId] };
      }
      case 'RecordDisposalStarted':
        return {
          ...state,
          disposal: { actId: event.data.actId, status: 'started', tombstone: null },
        };
      case 'RecordDisposed': {
        const { actId, eventCount, lastVersion, lastHash, disposedAt, executedBy } = event.data;
        const tombstone = { eventCount, lastVersion, lastHash, disposedAt, executedBy };
        return { ...state, disposal: { actId, status: 'disposed', tombstone } };
      }
      default:
        return unreachable(event);
    }
  },
});

export const retentionStreamId = (recordId: string) => `retention-${recordId}`;
