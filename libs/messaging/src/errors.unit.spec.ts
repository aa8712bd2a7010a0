import { errorCodeOf, ReadModelGapError } from './errors';

describe('errorCodeOf', () => {
  it('keeps stable codes from any lib', () => {
    expect(errorCodeOf(new ReadModelGapError('d', 's', 3, 1))).toBe('MESSAGING.READ_MODEL_GAP');
    expect(errorCodeOf({ code: 'CONTRACTS.VALIDATION_FAILED' })).toBe(
      'CONTRACTS.VALIDATION_FAILED',
    );
  });

  it('names anything else a handler failure', () => {
    expect(errorCodeOf(new Error('x'))).toBe('MESSAGING.HANDLER_FAILED');
    expect(errorCodeOf({ code: 11000 })).toBe('MESSAGING.HANDLER_FAILED');
    expect(errorCodeOf({ code: 'ECONNREFUSED' })).toBe('MESSAGING.HANDLER_FAILED');
    expect(errorCodeOf(null)).toBe('MESSAGING.HANDLER_FAILED');
  });
});
