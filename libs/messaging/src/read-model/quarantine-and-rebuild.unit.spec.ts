import type { DeadLetter } from '../consumer/dead-letter';
import { quarantineAndRebuild } from './quarantine-and-rebuild';

const letter = (streamId: string) => ({ streamId, errorCode: 'X', topic: 't' }) as DeadLetter;

describe('quarantineAndRebuild', () => {
  it('tries a failed rebuild again until it succeeds, without another dead letter', async () => {
    const calls: string[] = [];
    const failures: string[] = [];
    const hook = quarantineAndRebuild({
      models: [],
      retryMinMs: 1,
      retryMaxMs: 4,
      async rebuild(streamId) {
        calls.push(streamId);
        if (calls.length < 4) throw new Error('the database system is starting up');
      },
      onRebuildError: (streamId) => failures.push(streamId),
    });
    await hook.onDeadLetter(letter('journal-1'));
    await hook.idle();
    expect(calls).toEqual(['journal-1', 'journal-1', 'journal-1', 'journal-1']);
    expect(failures).toEqual(['journal-1', 'journal-1', 'journal-1']);
  });

  it('stops retrying when stopped, and ends', async () => {
    let calls = 0;
    const hook = quarantineAndRebuild({
      models: [],
      retryMinMs: 60_000,
      async rebuild() {
        calls += 1;
        throw new Error('down');
      },
    });
    await hook.onDeadLetter(letter('journal-2'));
    await hook.stop();
    expect(calls).toBe(1);
  });
});
