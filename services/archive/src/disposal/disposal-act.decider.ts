import type {
  DisposalActApproved,
  DisposalActDrafted,
  DisposalActEvent,
  DisposalRecordExecuted,
} from '@ejournal/contracts';
import { defineDecider, unreachable, type Fact } from '@ejournal/decider';
import { refuse } from '../retention/archive-refusals';

type ActData = DisposalActDrafted['data'];
export type ActRecord = ActData['records'][number];
export type Approver = DisposalActApproved['data']['as'];

/** What the archive knows of a record when an act is drafted (from its retention stream). */
export interface RecordStanding {
  recordId: string;
  onHold: boolean;
  /** Disposed of, or being disposed of, under another act. */
  disposed: boolean;
}

export type DisposalCommand =
  | { type: 'DraftAct'; data: ActData; standing: RecordStanding[] }
  | { type: 'ApproveAct'; data: DisposalActApproved['data']; by: string }
  | { type: 'RejectAct'; data: { actId: string; reason: string } }
  | { type: 'RecordExecuted'; data: DisposalRecordExecuted['data'] }
  | { type: 'CompleteAct'; data: { actId: string } };

export type DisposalFact = Fact<DisposalActEvent> & { actorId?: string };

export interface DisposalActState {
  status: 'none' | 'drafted' | 'approved' | 'rejected' | 'executed';
  actId: string | null;
  schoolId: string | null;
  draftedBy: string | null;
  draftedOn: string | null;
  reason: string | null;
  records: ActRecord[];
  needed: Approver[];
  given: { as: Approver; by: string | null; orderRef: string | null }[];
  executed: DisposalRecordExecuted['data'][];
  rejection: string | null;
}

const initialState: DisposalActState = {
  status: 'none',
  actId: null,
  schoolId: null,
  draftedBy: null,
  draftedOn: null,
  reason: null,
  records: [],
  needed: [],
  given: [],
  executed: [],
  rejection: null,
};

/**
 * A disposal act (125-FZ, GOST R ISO 15489-1 §9.9): drafted by the records officer from records
 * past their disposition date and free of holds, approved by the head (and the regional archive
 * where configured) by someone other than who drafted it, then executed record by record. The
 * act's stream is never disposed of: it is the permanent record of what was destroyed.
 */
export const disposalAct = defineDecider<DisposalCommand, DisposalFact, DisposalActState>({
  initialState,
  decide(command, state) {
    switch (command.type) {
      case 'DraftAct':
        return draft(command.data, command.standing, state);
      case 'ApproveAct': {
        open(state);
        const { as } = command.data;
        if (!state.needed.includes(as)) {
          throw refuse.conflict(
            'ARCHIVE.APPROVAL_NOT_NEEDED',
            `The act needs no approval as ${as}`,
          );
        }
        if (state.given.some((approval) => approval.as === as)) return [];
        if (command.by === state.draftedBy) {
          throw refuse.forbidden(
            'ARCHIVE.SEPARATION_OF_DUTIES',
            'Who drafted a disposal act may not approve it',
          );
        }
        return [{ type: 'DisposalActApproved', data: command.data }];
      }
      case 'RejectAct':
        open(state);
        if (state.executed.length > 0) {
          throw refuse.conflict('ARCHIVE.ACT_EXECUTING', 'The act is being executed');
        }
        return [{ type: 'DisposalActRejected', data: command.data }];
      case 'RecordExecuted':
        assertExecutable(state);
        if (!state.records.some((record) => record.recordId === command.data.recordId)) {
          throw refuse.conflict('ARCHIVE.NOT_IN_ACT', `${command.data.recordId} is not in the act`);
        }
        if (state.executed.some((done) => done.recordId === command.data.recordId)) return [];
        return [{ type: 'DisposalRecordExecuted', data: command.data }];
      case 'CompleteAct':
        if (state.status === 'executed') return [];
        assertExecutable(state);
        if (state.executed.length < state.records.length) {
          throw refuse.conflict(
            'ARCHIVE.ACT_INCOMPLETE',
            'Records of the act are not disposed yet',
          );
        }
        return [
          {
            type: 'DisposalActExecuted',
            data: { actId: command.data.actId, disposed: state.executed.length },
          },
        ];
      default:
        return unreachable(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'DisposalActDrafted': {
        const { actId, schoolId, draftedOn, records, reason, approvals } = event.data;
        return {
          ...state,
          status: 'drafted',
          actId,
          schoolId,
          draftedOn,
          reason,
          records,
          needed: approvals,
          draftedBy: event.actorId ?? null,
        };
      }
      case 'DisposalActApproved': {
        const given = [
          ...state.given,
          { as: event.data.as, by: event.actorId ?? null, orderRef: event.data.orderRef },
        ];
        const approved = state.needed.every((as) => given.some((approval) => approval.as === as));
        return { ...state, given, status: approved ? 'approved' : state.status };
      }
      case 'DisposalActRejected':
        return { ...state, status: 'rejected', rejection: event.data.reason };
      case 'DisposalRecordExecuted':
        return { ...state, executed: [...state.executed, event.data] };
      case 'DisposalActExecuted':
        return { ...state, status: 'executed' };
      default:
        return unreachable(event);
    }
  },
});

function draft(data: ActData, standing: RecordStanding[], state: DisposalActState) {
  if (state.status !== 'none') {
    throw refuse.conflict('ARCHIVE.ACT_EXISTS', `There is already an act ${data.actId}`);
  }
  for (const record of data.records) {
    if (record.dispositionDate >= data.draftedOn) {
      throw refuse.conflict(
        'ARCHIVE.RETENTION_NOT_EXPIRED',
        `${record.recordId} is kept until ${record.dispositionDate}`,
      );
    }
    const known = standing.find((item) => item.recordId === record.recordId);
    if (known?.onHold) {
      throw refuse.conflict('ARCHIVE.LEGAL_HOLD', `${record.recordId} is under legal hold`);
    }
    if (known?.disposed) {
      throw refuse.conflict('ARCHIVE.RECORD_DISPOSED', `${record.recordId} is already disposed of`);
    }
  }
  return [{ type: 'DisposalActDrafted' as const, data }];
}

/** Neither rejected nor executed: approvals and a rejection are still possible. */
function open(state: DisposalActState): void {
  if (state.status === 'none') throw refuse.notFound('ARCHIVE.ACT_NOT_FOUND', 'No such act');
  if (state.status === 'rejected' || state.status === 'executed') {
    throw refuse.conflict('ARCHIVE.ACT_CLOSED', `The act is ${state.status}`);
  }
}

/** An act is executed only once every approval it needs is given, and never when rejected. */
export function assertExecutable(state: DisposalActState): void {
  if (state.status === 'none') throw refuse.notFound('ARCHIVE.ACT_NOT_FOUND', 'No such act');
  if (state.status === 'rejected') {
    throw refuse.conflict('ARCHIVE.ACT_REJECTED', 'The act was rejected: nothing is disposed of');
  }
  if (state.status === 'drafted') {
    const missing = state.needed.filter((as) => !state.given.some((given) => given.as === as));
    throw refuse.conflict(
      'ARCHIVE.ACT_NOT_APPROVED',
      `The act is not approved (missing: ${missing.join(', ')}): nothing is disposed of`,
    );
  }
}

export const disposalActStreamId = (actId: string) => `disposal-${actId}`;
