import { alternate } from './alternate';

describe('alternate', () => {
  it('runs both workloads in turns, every iteration once, and sums their times', async () => {
    const order: string[] = [];
    const seen = { a: new Set<number>(), b: new Set<number>() };
    const work = (name: 'a' | 'b') => async (iteration: number) => {
      order.push(name);
      seen[name].add(iteration);
    };
    const [a, b] = await alternate(3, 10, 2, work('a'), work('b'));
    expect([...seen.a].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen.b.size).toBe(10);
    expect(order.join('')).toBe('aaaabbbbaaaabbbbaabb');
    expect(a.latenciesMs).toHaveLength(10);
    expect(b.seconds).toBeGreaterThan(0);
  });
});
