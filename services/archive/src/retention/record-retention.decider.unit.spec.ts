import { specify } from '@ejournal/decider/testing';
import { recordRetention, type RetentionFact } from './record-retention.decider';

const spec = specify(recordRetention, {
  kinds: { 'ARCHIVE.LEGAL_HOLD': 'conflict', 'ARCHIVE.HOLD_NOT_FOUND': 'not_found' },
});
const hold = { holdId: 'h1', recordId: 'journal-j1', reason: 'Суд', orderRef: null };
const placed: RetentionFact = { type: 'LegalHoldPlaced', data: hold };
const released: RetentionFact = { type: 'LegalHoldReleased', data: { ...hold, reason: 'Решение' } };
const start = { recordId: 'journal-j1', actId: 'act-1' };
const started: RetentionFact = { type: 'RecordDisposalStarted', data: start };

describe('a record’s retention', () => {
  describe('free', () => {
    it('takes a hold, and a repeat of it changes nothing', () => {
      spec.given([]).when({ type: 'PlaceHold', data: hold }).then([placed]);
      spec.given([placed]).when({ type: 'PlaceHold', data: hold }).then([]);
    });
    it('starts a disposal', () =>
      spec.given([]).when({ type: 'StartDisposal', data: start }).then([started]));
    it('has no hold to release', () =>
      spec
        .given([])
        .when({ type: 'ReleaseHold', data: hold })
        .thenRefuses('ARCHIVE.HOLD_NOT_FOUND'));
  });

  describe('on hold', () => {
    it('refuses a disposal until the hold is released', () => {
      spec
        .given([placed])
        .when({ type: 'StartDisposal', data: start })
        .thenRefuses('ARCHIVE.LEGAL_HOLD');
      spec.given([placed, released]).when({ type: 'StartDisposal', data: start }).then([started]);
    });
  });

  describe('being disposed of', () => {
    it('refuses a hold and another act, repeats its own act', () => {
      spec
        .given([started])
        .when({ type: 'PlaceHold', data: hold })
        .thenRefuses('ARCHIVE.RECORD_DISPOSED');
      spec
        .given([started])
        .when({ type: 'StartDisposal', data: { ...start, actId: 'act-2' } })
        .thenRefuses('ARCHIVE.RECORD_DISPOSED');
      spec.given([started]).when({ type: 'StartDisposal', data: start }).then([]);
    });
    it('is confirmed once by its act only', () => {
      const data = {
        ...start,
        eventCount: 3,
        lastVersion: 3,
        lastHash: null,
        disposedAt: '2026-12-07T09:00:00.000Z',
        executedBy: 'db_disposer',
      };
      spec
        .given([])
        .when({ type: 'ConfirmDisposal', data })
        .thenRefuses('ARCHIVE.DISPOSAL_NOT_STARTED');
      spec
        .given([started])
        .when({ type: 'ConfirmDisposal', data })
        .then([{ type: 'RecordDisposed', data }]);
      spec
        .given([started, { type: 'RecordDisposed', data }])
        .when({ type: 'ConfirmDisposal', data })
        .then([]);
    });
  });
});
