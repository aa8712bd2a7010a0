import { EndpointPipeline, type PipelineOptions } from './endpoint-pipeline';

interface Item {
  notificationId: string;
}

/** A queue of ids claimed in order, and sends that answer when the spec says. */
function harness(ids: string[], overrides: Partial<PipelineOptions<Item>> = {}) {
  const queue = [...ids];
  const claims: { limit: number; settled: string[] }[] = [];
  const sent: string[] = [];
  const answers = new Map<string, (ok: boolean) => void>();
  let inFlight = 0;
  let mostInFlight = 0;
  const stopping = new AbortController();
  const finished: { settled: string[]; unsent: string[] }[] = [];
  const pipeline = new EndpointPipeline<Item>({
    concurrency: 2,
    capacity: 4,
    startWithinMs: 60_000,
    claim: async (limit, settled) => {
      claims.push({ limit, settled });
      return queue.splice(0, limit).map((notificationId) => ({ notificationId }));
    },
    send: (item) => {
      sent.push(item.notificationId);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      return new Promise<boolean>((resolve) =>
        answers.set(item.notificationId, (ok) => {
          inFlight -= 1;
          resolve(ok);
        }),
      );
    },
    finish: async (settled, unsent) => void finished.push({ settled, unsent }),
    onError: (error) => {
      throw error;
    },
    pause: async () => undefined,
    stopping: stopping.signal,
    ...overrides,
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  /** Answers every request in flight except `held`, until nothing else is left to send. */
  const answerAllBut = async (held: string[], ok = true) => {
    for (let round = 0; round < 50; round += 1) {
      await settle();
      const open = [...answers].filter(([id]) => !held.includes(id));
      if (open.length === 0) return;
      for (const [id, answer] of open) {
        answers.delete(id);
        answer(ok);
      }
    }
  };
  const most = () => mostInFlight;
  return { pipeline, claims, sent, answers, finished, stopping, answerAllBut, settle, most };
}

describe('an endpoint’s delivery pipeline', () => {
  it('keeps at most `concurrency` requests in flight and records the accepted ones with the next claim', async () => {
    const h = harness(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    h.pipeline.poke();
    await h.answerAllBut([]);
    await h.pipeline.finished;
    expect(h.sent).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect(h.claims.flatMap((claim) => claim.settled).sort()).toEqual(h.sent.sort());
    expect(h.claims.every((claim) => claim.limit <= 4)).toBe(true);
    expect(h.most()).toBe(2);
    expect(h.claims.at(-1)?.settled.length).toBeGreaterThan(0);
  });

  it('lets the other lanes go on while one request hangs', async () => {
    const h = harness(['hung', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    h.pipeline.poke();
    await h.answerAllBut(['hung']);
    expect(h.sent).toEqual(['hung', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    let ended = false;
    void h.pipeline.finished.then(() => (ended = true));
    await h.settle();
    expect(ended).toBe(false);
    h.answers.get('hung')?.(true);
    await h.pipeline.finished;
    expect(h.claims.at(-1)?.settled).toContain('hung');
  });

  it('claims again when poked after the queue ran dry, and records nothing that failed', async () => {
    const h = harness(['n1']);
    h.pipeline.poke();
    await h.settle();
    expect(h.claims.map((claim) => claim.limit)).toEqual([4, 3]);
    h.pipeline.poke();
    await h.settle();
    expect(h.claims).toHaveLength(3);
    h.answers.get('n1')?.(false);
    await h.pipeline.finished;
    expect(h.claims.flatMap((claim) => claim.settled)).toEqual([]);
  });

  it('on stop records the accepted and gives back the claimed but unsent', async () => {
    const h = harness(['n1', 'n2', 'n3', 'n4']);
    h.pipeline.poke();
    await h.settle();
    expect(h.sent).toEqual(['n1', 'n2']);
    h.stopping.abort();
    h.answers.get('n1')?.(true);
    h.answers.get('n2')?.(false);
    await h.pipeline.finished;
    expect(h.sent).toEqual(['n1', 'n2']);
    expect(h.finished).toEqual([{ settled: ['n1'], unsent: ['n3', 'n4'] }]);
  });

  it('does not start a delivery claimed too long ago for its lease', async () => {
    const h = harness(['n1', 'n2', 'n3'], { startWithinMs: -1 });
    h.pipeline.poke();
    await h.settle();
    await h.pipeline.finished;
    expect(h.sent).toEqual([]);
  });
});
