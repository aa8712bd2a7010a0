import type { CellHistoryEntry } from '../documents/journal-documents';
import { unhandled, type CellEvent } from './journal-event';

type Details = Pick<
  CellHistoryEntry,
  | 'markId'
  | 'value'
  | 'workType'
  | 'weight'
  | 'status'
  | 'from'
  | 'reason'
  | 'authorisedBy'
  | 'orderRef'
  | 'policyVersion'
>;

const NONE: Details = {
  markId: null,
  value: null,
  workType: null,
  weight: null,
  status: null,
  from: null,
  reason: null,
  authorisedBy: null,
  orderRef: null,
  policyVersion: null,
};

/** One line of a cell's history: what changed, who did it, when, why and under which authority. */
export function historyEntry(event: CellEvent): CellHistoryEntry {
  return {
    eventId: event.eventId,
    type: event.type,
    streamVersion: event.streamVersion,
    recordedAt: event.recordedAt,
    actorId: event.actor.userId,
    actorRole: event.actor.role,
    onBehalfOf: event.actor.onBehalfOf,
    ...NONE,
    ...details(event),
  };
}

function details(event: CellEvent): Partial<Details> {
  switch (event.type) {
    case 'MarkRecorded': {
      const { markId, value, workType, weight } = event.data;
      return { markId, value, workType, weight };
    }
    case 'MarkCorrected': {
      const { markId, value, from, reason, authorisedBy, orderRef, policyVersion } = event.data;
      return { markId, value, from, reason, authorisedBy, orderRef, policyVersion };
    }
    case 'MarkRevoked': {
      const { markId, reason, authorisedBy, orderRef, policyVersion } = event.data;
      return { markId, reason, authorisedBy, orderRef, policyVersion };
    }
    case 'AttendanceRecorded':
      return { status: event.data.status };
    case 'AttendanceCorrected': {
      const { to, from, reason, authorisedBy, orderRef, policyVersion } = event.data;
      return { status: to, from, reason, authorisedBy, orderRef, policyVersion };
    }
    default:
      return unhandled(event);
  }
}
