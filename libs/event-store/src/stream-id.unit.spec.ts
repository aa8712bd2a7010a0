import { assertStreamId, categoryOf } from './stream-id';

describe('stream ids', () => {
  it('names the category, which is the retention class, by the part before the first dash', () => {
    expect(categoryOf('journal-0193a1')).toBe('journal');
    expect(categoryOf('summary-school-17-2026-class-5a')).toBe('summary');
    expect(categoryOf('standalone')).toBe('standalone');
  });

  it('refuses empty, oversized, NUL-bearing and EventStoreDB system stream ids', () => {
    for (const bad of ['', '-journal', '$all', 'journal-\u0000', `journal-${'x'.repeat(300)}`]) {
      expect(() => assertStreamId(bad)).toThrow(
        expect.objectContaining({ code: 'EVENT_STORE.INVALID_ARGUMENT' }),
      );
    }
    expect(() => assertStreamId('journal-1')).not.toThrow();
  });
});
