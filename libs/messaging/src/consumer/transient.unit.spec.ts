import { ReadModelGapError } from '../errors';
import { isTransient } from './transient';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransient', () => {
  it.each([
    ['a PostgreSQL shutting down', withCode('terminating connection', '57P01')],
    ['a PostgreSQL starting up', withCode('the database system is starting up', '57P03')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['node-postgres losing its socket', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    ['a refused socket', withCode('connect ECONNREFUSED 127.0.0.1:55432', 'ECONNREFUSED')],
    [
      'a refused socket as the cause',
      new Error('write failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
    ],
    [
      'a refusal gathered in an AggregateError',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    ],
    [
      'the MongoDB driver without a server',
      Object.assign(new Error('Server selection timed out'), { name: 'MongoServerSelectionError' }),
    ],
    [
      'FerretDB relaying its PostgreSQL',
      new Error('failed to connect to `host=127.0.0.1 user=ferretdb`: dial error'),
    ],
    [
      'a retriable kafkajs error',
      Object.assign(new Error('Connection error'), {
        name: 'KafkaJSConnectionError',
        retriable: true,
      }),
    ],
  ])('holds for %s', (_what, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['a plain failure', new Error('poison')],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['an invalid value', withCode('invalid input syntax for type uuid', '22P02')],
    ['a read model gap', new ReadModelGapError('doc', 'journal-1', 5, 3)],
    [
      'a kafkajs error retrying cannot cure',
      Object.assign(new Error('Invalid message'), {
        name: 'KafkaJSProtocolError',
        retriable: false,
      }),
    ],
    ['no error at all', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('does not hold for %s', (_what, error) => {
    expect(isTransient(error)).toBe(false);
  });
});
