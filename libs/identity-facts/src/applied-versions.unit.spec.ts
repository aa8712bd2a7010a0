import { versionVerdict } from './applied-versions';

describe('versionVerdict', () => {
  it('applies the next version of a stream, the first one included', () => {
    expect(versionVerdict(0, 1)).toBe('apply');
    expect(versionVerdict(7, 8)).toBe('apply');
  });

  it('ignores a version already applied (a redelivery or a replay)', () => {
    expect(versionVerdict(7, 7)).toBe('duplicate');
    expect(versionVerdict(7, 1)).toBe('duplicate');
  });

  it('calls a version beyond the next one a gap, also for a stream never seen', () => {
    expect(versionVerdict(7, 9)).toBe('gap');
    expect(versionVerdict(0, 2)).toBe('gap');
  });
});
