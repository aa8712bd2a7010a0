import { defineDecider, fold, unreachable } from './decider';
import { DomainRefusal, isRefusal, refusalsOf } from './refusal';
import { specify } from './testing';

type Added = { type: 'Added'; data: { amount: number } };
type Add = { type: 'Add'; amount: number };

const refuse = refusalsOf('COUNTER');
const counter = defineDecider<Add, Added, { total: number }>({
  initialState: { total: 0 },
  decide: ({ amount }) => {
    if (amount <= 0) throw refuse.unprocessable('COUNTER.NOT_POSITIVE', 'Add more than 0');
    return [{ type: 'Added', data: { amount } }];
  },
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
});
const added = (amount: number): Added => ({ type: 'Added', data: { amount } });

describe('a decider defined from decide and evolve', () => {
  const { given } = specify(counter, { kinds: { 'COUNTER.NOT_POSITIVE': 'unprocessable' } });

  it('decides from the state its history folds to', () =>
    given([added(2)])
      .when({ type: 'Add', amount: 3 })
      .then([added(3)]));

  it('refuses with a stable code and the kind the edge answers', () =>
    given([]).when({ type: 'Add', amount: 0 }).thenRefuses('COUNTER.NOT_POSITIVE'));

  it('folds a batch as evolve would event by event, also from a snapshot', () => {
    const history = [added(1), added(2), added(4)];
    expect(fold(counter, history)).toEqual({ total: 7 });
    expect(fold(counter, history.slice(1), fold(counter, history.slice(0, 1)))).toEqual({
      total: 7,
    });
  });

  it('fails loudly on a case an exhaustive switch missed', () => {
    expect(() => unreachable('Removed' as never)).toThrow('Unhandled case "Removed"');
  });
});

describe('refusals', () => {
  it('carry the domain’s code, the kind and, for a batch, every refused entry', () => {
    const entries = [{ code: 'COUNTER.NOT_POSITIVE' as const, detail: 'Add more than 0' }];
    const refusal = refuse.entries('COUNTER.BATCH_REJECTED', '1 entry was refused', entries);
    expect(refusal).toBeInstanceOf(DomainRefusal);
    expect(refusal).toMatchObject({
      code: 'COUNTER.BATCH_REJECTED',
      kind: 'unprocessable',
      entries,
    });
    expect(refuse.notFound('COUNTER.NOT_FOUND', 'No counter').kind).toBe('not_found');
  });

  it('are told apart by their domain’s prefix', () => {
    const refusal = refuse.conflict('COUNTER.TAKEN', 'Taken');
    expect(isRefusal('COUNTER', refusal)).toBe(true);
    expect(isRefusal('JOURNAL', refusal)).toBe(false);
    expect(isRefusal('COUNTER', new Error('COUNTER.TAKEN'))).toBe(false);
  });
});
