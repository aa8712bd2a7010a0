import { specify } from '@ejournal/decider/testing';
import { assertExecutable, disposalAct, type DisposalFact } from './disposal-act.decider';

const spec = specify(disposalAct, {
  kinds: {
    'ARCHIVE.RETENTION_NOT_EXPIRED': 'conflict',
    'ARCHIVE.SEPARATION_OF_DUTIES': 'forbidden',
    'ARCHIVE.ACT_NOT_FOUND': 'not_found',
  },
});
const record = {
  recordId: 'journal-j1',
  kind: 'journal' as const,
  retentionClass: 'journal-5y',
  dispositionDate: '2026-08-31',
  contentHash: 'ab'.repeat(32),
  streamVersion: 40,
};
const act = {
  actId: 'act-1',
  schoolId: 'school-17',
  draftedOn: '2026-12-07',
  records: [record],
  reason: 'Истёк срок хранения',
  approvals: ['head' as const],
};
const drafted: DisposalFact = { type: 'DisposalActDrafted', data: act, actorId: 'officer-1' };
const approved: DisposalFact = {
  type: 'DisposalActApproved',
  data: { actId: 'act-1', as: 'head', orderRef: '15-о' },
  actorId: 'head-1',
};
const standing = [{ recordId: 'journal-j1', onHold: false, disposed: false }];
const tombstone = {
  actId: 'act-1',
  recordId: 'journal-j1',
  eventCount: 40,
  lastVersion: 40,
  lastHash: 'cd'.repeat(32),
  disposedAt: '2026-12-07T09:00:00.000Z',
  executedBy: 'db_disposer',
};

describe('a disposal act', () => {
  describe('not drafted yet', () => {
    it('is drafted from records past their disposition date', () =>
      spec
        .given([])
        .when({ type: 'DraftAct', data: act, standing })
        .then([{ type: 'DisposalActDrafted', data: act }]));
    it('refuses a record kept until the day of drafting or later', () =>
      spec
        .given([])
        .when({ type: 'DraftAct', data: { ...act, draftedOn: '2026-08-31' }, standing })
        .thenRefuses('ARCHIVE.RETENTION_NOT_EXPIRED'));
    it('refuses a record on hold, or disposed of already', () => {
      const held = [{ ...standing[0], onHold: true }] as typeof standing;
      spec
        .given([])
        .when({ type: 'DraftAct', data: act, standing: held })
        .thenRefuses('ARCHIVE.LEGAL_HOLD');
      const gone = [{ ...standing[0], disposed: true }] as typeof standing;
      spec
        .given([])
        .when({ type: 'DraftAct', data: act, standing: gone })
        .thenRefuses('ARCHIVE.RECORD_DISPOSED');
    });
    it('cannot be approved', () =>
      spec
        .given([])
        .when({ type: 'ApproveAct', data: approved.data as never, by: 'head-1' })
        .thenRefuses('ARCHIVE.ACT_NOT_FOUND'));
  });

  describe('drafted', () => {
    it('is not executable before its approvals', () => {
      expect(() => assertExecutable(spec.given([drafted]).state)).toThrow(
        expect.objectContaining({ code: 'ARCHIVE.ACT_NOT_APPROVED' }),
      );
      spec
        .given([drafted])
        .when({ type: 'RecordExecuted', data: tombstone })
        .thenRefuses('ARCHIVE.ACT_NOT_APPROVED');
    });
    it('is approved by the head, not by who drafted it, and only as an approval it needs', () => {
      const data = { actId: 'act-1', as: 'head' as const, orderRef: '15-о' };
      spec
        .given([drafted])
        .when({ type: 'ApproveAct', data, by: 'head-1' })
        .then([{ type: 'DisposalActApproved', data }]);
      spec
        .given([drafted])
        .when({ type: 'ApproveAct', data, by: 'officer-1' })
        .thenRefuses('ARCHIVE.SEPARATION_OF_DUTIES');
      spec
        .given([drafted])
        .when({ type: 'ApproveAct', data: { ...data, as: 'regional_archive' }, by: 'op-1' })
        .thenRefuses('ARCHIVE.APPROVAL_NOT_NEEDED');
    });
  });

  describe('approved', () => {
    it('records each disposed record once, then closes', () => {
      spec
        .given([drafted, approved])
        .when({ type: 'RecordExecuted', data: tombstone })
        .then([{ type: 'DisposalRecordExecuted', data: tombstone }]);
      const done: DisposalFact = { type: 'DisposalRecordExecuted', data: tombstone };
      spec
        .given([drafted, approved, done])
        .when({ type: 'RecordExecuted', data: tombstone })
        .then([]);
      spec
        .given([drafted, approved])
        .when({ type: 'CompleteAct', data: { actId: 'act-1' } })
        .thenRefuses('ARCHIVE.ACT_INCOMPLETE');
      spec
        .given([drafted, approved, done])
        .when({ type: 'CompleteAct', data: { actId: 'act-1' } })
        .then([{ type: 'DisposalActExecuted', data: { actId: 'act-1', disposed: 1 } }]);
    });
    it('needs the regional archive too where configured', () => {
      const both: DisposalFact = {
        ...drafted,
        data: { ...act, approvals: ['head', 'regional_archive'] },
      };
      expect(spec.given([both, approved]).state.status).toBe('drafted');
    });
  });

  describe('rejected', () => {
    it('is never executed', () => {
      const rejected: DisposalFact = {
        type: 'DisposalActRejected',
        data: { actId: 'act-1', reason: 'Нет' },
      };
      expect(() => assertExecutable(spec.given([drafted, rejected]).state)).toThrow(
        expect.objectContaining({ code: 'ARCHIVE.ACT_REJECTED' }),
      );
    });
  });
});
