import { ContractValidationError, journalRegistry } from '@ejournal/contracts';
import { lessonHeld } from '../contract/test-events';
import { EventIdConflictError, InvalidEventStoreArgumentError } from '../errors';
import { requiredVersion, validateAppend } from './validate-append';

describe('validateAppend', () => {
  const valid = (events = [lessonHeld()], expected: Parameters<typeof validateAppend>[1] = 0) =>
    validateAppend('journal-1', expected, events, journalRegistry);

  it('returns the events as the contracts parsed them', () => {
    const event = lessonHeld();
    expect(valid([event])).toEqual([event]);
  });

  it('refuses an empty batch, a bad expected version and a bad stream id', () => {
    expect(() => valid([])).toThrow(InvalidEventStoreArgumentError);
    expect(() => valid(undefined, -1)).toThrow(InvalidEventStoreArgumentError);
    expect(() => valid(undefined, 1.5)).toThrow(InvalidEventStoreArgumentError);
    expect(() => validateAppend('', 'any', [lessonHeld()], journalRegistry)).toThrow(
      InvalidEventStoreArgumentError,
    );
  });

  it('refuses an event id repeated within the batch', () => {
    const event = lessonHeld();
    expect(() => valid([event, { ...event }])).toThrow(EventIdConflictError);
  });

  it("throws the contracts' typed error naming the field", () => {
    const invalid = { ...lessonHeld(), data: { lessonId: 'l-1', slot: 99 } };
    expect(() => valid([invalid])).toThrow(ContractValidationError);
  });

  it('turns an expected version into the version the stream must be at', () => {
    expect(requiredVersion('noStream')).toBe(0);
    expect(requiredVersion(7)).toBe(7);
    expect(requiredVersion('any')).toBeNull();
  });
});
