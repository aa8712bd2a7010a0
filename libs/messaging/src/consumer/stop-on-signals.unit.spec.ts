import { stopOnSignals } from './stop-on-signals';

describe('stopOnSignals', () => {
  it('stops everything on the signal, then reports', async () => {
    const stopped: string[] = [];
    const done = new Promise<unknown[]>((resolve) => {
      stopOnSignals(
        [
          { stop: async () => void stopped.push('relay') },
          {
            stop: async () => {
              stopped.push('consumer');
              throw new Error('commit failed');
            },
          },
        ],
        resolve,
        ['SIGUSR2'],
      );
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await done).toEqual([new Error('commit failed')]);
    expect(stopped).toEqual(['relay', 'consumer']);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});
