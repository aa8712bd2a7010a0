import {
  KafkaJSAggregateError,
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { retryDelay } from '../consumer/retry-policy';
import { TopicsNotReadyError } from '../errors';
import { LEADERS_SETTLE, leadersAreMoving, whileLeadersMove } from './leaders-moving';

interface BrokerError {
  type: string;
  code: number;
  retriable: boolean;
  message: string;
}
// kafkajs' own table of the broker's error codes, so the types are the ones it really sets,
// and its per-topic error (exported, but missing from its type declarations).
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode(code: number): BrokerError;
};
const { KafkaJSCreateTopicError } = require('kafkajs') as {
  KafkaJSCreateTopicError: new (error: BrokerError, topic: string) => Error;
};
const answer = (code: number) => new KafkaJSProtocolError(createErrorFromCode(code) as never);
const forTopic = (code: number, topic: string) =>
  new KafkaJSCreateTopicError(createErrorFromCode(code), topic);

const UNKNOWN_TOPIC_OR_PARTITION = 3;
const LEADER_NOT_AVAILABLE = 5;
const NOT_LEADER_OR_FOLLOWER = 6;
const REPLICA_NOT_AVAILABLE = 9;
const NOT_CONTROLLER = 41;
const TOPIC_ALREADY_EXISTS = 36;
const INVALID_REPLICATION_FACTOR = 38;
const TOPIC_AUTHORIZATION_FAILED = 29;

describe('leadersAreMoving', () => {
  it.each([
    ['UNKNOWN_TOPIC_OR_PARTITION', UNKNOWN_TOPIC_OR_PARTITION],
    ['LEADER_NOT_AVAILABLE', LEADER_NOT_AVAILABLE],
    ['NOT_LEADER_OR_FOLLOWER', NOT_LEADER_OR_FOLLOWER],
    ['REPLICA_NOT_AVAILABLE', REPLICA_NOT_AVAILABLE],
    ['NOT_CONTROLLER', NOT_CONTROLLER],
  ])('retries %s', (_name, code) => {
    expect(leadersAreMoving(answer(code))).toBe(true);
  });

  it('retries "This server does not host this topic-partition", the first start failure', () => {
    const error = answer(UNKNOWN_TOPIC_OR_PARTITION);
    expect(error.message).toBe('This server does not host this topic-partition');
    expect(leadersAreMoving(error)).toBe(true);
  });

  it.each([
    ['INVALID_REPLICATION_FACTOR', INVALID_REPLICATION_FACTOR],
    ['TOPIC_AUTHORIZATION_FAILED', TOPIC_AUTHORIZATION_FAILED],
  ])('does not retry %s', (_name, code) => {
    expect(leadersAreMoving(answer(code))).toBe(false);
  });

  it('does not retry what is not the broker speaking', () => {
    expect(leadersAreMoving(new KafkaJSConnectionError('Connection refused'))).toBe(false);
    expect(leadersAreMoving(new Error('boom'))).toBe(false);
    expect(leadersAreMoving('boom')).toBe(false);
  });

  it('looks through kafkajs giving up on its own retries to the last answer', () => {
    const moving = new KafkaJSNumberOfRetriesExceeded(answer(NOT_CONTROLLER), {
      retryCount: 5,
      retryTime: 300,
    });
    const broken = new KafkaJSNumberOfRetriesExceeded(answer(INVALID_REPLICATION_FACTOR), {
      retryCount: 5,
      retryTime: 300,
    });
    expect([leadersAreMoving(moving), leadersAreMoving(broken)]).toEqual([true, false]);
  });

  it('retries a per-topic answer only when every topic waits for its leaders or exists', () => {
    const racing = new KafkaJSAggregateError('Topic creation errors', [
      forTopic(TOPIC_ALREADY_EXISTS, 'a'),
      forTopic(LEADER_NOT_AVAILABLE, 'b'),
    ]);
    const invalid = new KafkaJSAggregateError('Topic creation errors', [
      forTopic(TOPIC_ALREADY_EXISTS, 'a'),
      forTopic(INVALID_REPLICATION_FACTOR, 'b'),
    ]);
    expect([leadersAreMoving(racing), leadersAreMoving(invalid)]).toEqual([true, false]);
  });
});

describe('whileLeadersMove', () => {
  afterEach(() => jest.restoreAllMocks());
  const fast = { attempts: 4, minDelayMs: 1, maxDelayMs: 2 };
  const failing = (errors: unknown[], result = 'done') => {
    const request = jest.fn(async () => {
      const error = errors.shift();
      if (error) throw error;
      return result;
    });
    return request;
  };

  it('answers once the leaders have settled', async () => {
    const request = failing([answer(UNKNOWN_TOPIC_OR_PARTITION), answer(LEADER_NOT_AVAILABLE)]);
    await expect(whileLeadersMove(['t'], request, fast)).resolves.toBe('done');
    expect(request).toHaveBeenCalledTimes(3);
  });

  it('gives up after the bound, naming the topics and the last error', async () => {
    const request = failing(Array.from({ length: 10 }, () => answer(UNKNOWN_TOPIC_OR_PARTITION)));
    const failure = whileLeadersMove(['ejournal.identity.events.v1', 'x.dlq'], request, fast);
    await expect(failure).rejects.toThrow(TopicsNotReadyError);
    await expect(failure).rejects.toThrow(
      'Kafka topics ejournal.identity.events.v1, x.dlq are not ready: partition leaders were ' +
        'still moving after 4 attempts in ',
    );
    await expect(failure).rejects.toThrow(
      /last error: UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition$/,
    );
    expect(request).toHaveBeenCalledTimes(4);
  });

  it('fails at once on any other error, naming the topics and the broker answer per topic', async () => {
    const request = failing([
      new KafkaJSAggregateError('Topic creation errors', [
        forTopic(INVALID_REPLICATION_FACTOR, 'ejournal.journal.events.v1'),
      ]),
    ]);
    await expect(whileLeadersMove(['ejournal.journal.events.v1'], request, fast)).rejects.toThrow(
      'Kafka topics ejournal.journal.events.v1 are not ready: INVALID_REPLICATION_FACTOR ' +
        '(ejournal.journal.events.v1): Replication-factor is invalid',
    );
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('by default waits between 5.6 and 11.1 s in all before giving up, 100 ms to 2 s each', () => {
    const waitsWith = (random: number) => {
      jest.spyOn(Math, 'random').mockReturnValue(random);
      return Array.from({ length: LEADERS_SETTLE.attempts - 1 }, (_, i) =>
        retryDelay(LEADERS_SETTLE, i + 1),
      );
    };
    const longest = waitsWith(1);
    expect(longest).toEqual([100, 200, 400, 800, 1600, 2000, 2000, 2000, 2000]);
    expect(longest.reduce((sum, wait) => sum + wait, 0)).toBe(11_100);
    expect(waitsWith(0).reduce((sum, wait) => sum + wait, 0)).toBe(5_550);
  });
});
