import { assertTestName, uniqueTestName } from './test-resources';
import { endpointOf, probeTcp } from './reachability';

describe('test resources', () => {
  it('refuses a database whose name lacks "test"', () => {
    expect(() => assertTestName('ejournal_journal')).toThrow(/must contain "test"/);
    expect(assertTestName('test_marks_1')).toBe('test_marks_1');
  });

  it('makes unique, lower-case names that carry "test"', () => {
    const a = uniqueTestName('Event Store');
    const b = uniqueTestName('Event Store');
    expect(a).toMatch(/^test_event_store_[a-z0-9]+$/);
    expect(a).not.toBe(b);
  });

  it('reads host and port from each kind of address', () => {
    expect(endpointOf('DATABASE_URL', 'postgres://u@127.0.0.1:55432/x')).toEqual({
      host: '127.0.0.1',
      port: 55432,
    });
    expect(endpointOf('KAFKA_BROKERS', 'localhost:59092,localhost:59094')).toEqual({
      host: 'localhost',
      port: 59092,
    });
    expect(endpointOf('MONGO_URL', 'mongodb://127.0.0.1/')).toEqual({
      host: '127.0.0.1',
      port: 27017,
    });
  });

  it('reports a closed port as unreachable', async () => {
    expect(await probeTcp({ host: '127.0.0.1', port: 1 })).toMatch(/ECONNREFUSED/);
  });
});
