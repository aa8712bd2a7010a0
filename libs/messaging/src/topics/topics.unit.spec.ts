import { InvalidMessagingArgumentError } from '../errors';
import { eventTopicSpecs, FACTS_KEPT_FOREVER } from './provision-topics';
import { deadLetterTopic, eventsTopic } from './topic-names';

describe('topics', () => {
  it('names a context topic with its version, and its dead-letter topic', () => {
    expect(eventsTopic('journal')).toBe('ejournal.journal.events.v1');
    expect(deadLetterTopic(eventsTopic('journal'))).toBe('ejournal.journal.events.v1.dlq');
    expect(() => eventsTopic('Journal.events')).toThrow(InvalidMessagingArgumentError);
  });

  it('provisions each topic with its dead-letter topic alike', () => {
    const specs = eventTopicSpecs(['ejournal.journal.events.v1'], {
      partitions: 12,
      replicationFactor: 3,
    });
    expect(specs).toEqual([
      {
        topic: 'ejournal.journal.events.v1',
        partitions: 12,
        replicationFactor: 3,
        config: { 'min.insync.replicas': '2' },
      },
      {
        topic: 'ejournal.journal.events.v1.dlq',
        partitions: 12,
        replicationFactor: 3,
        config: { 'min.insync.replicas': '2', 'retention.ms': '2592000000' },
      },
    ]);
  });

  it("keeps a store's facts for good, not compacted, and its dead letters a month", () => {
    const [facts, letters] = eventTopicSpecs(['ejournal.identity.events.v1'], {
      partitions: 12,
      replicationFactor: 3,
      config: FACTS_KEPT_FOREVER,
    });
    expect(facts?.config).toEqual({
      'min.insync.replicas': '2',
      'retention.ms': '-1',
      'retention.bytes': '-1',
      'cleanup.policy': 'delete',
    });
    expect(letters?.config).toEqual({ 'min.insync.replicas': '2', 'retention.ms': '2592000000' });
  });

  it('refuses impossible partition and replication counts', () => {
    expect(() => eventTopicSpecs(['t'], { partitions: 0, replicationFactor: 1 })).toThrow(
      /partitions/,
    );
    expect(() => eventTopicSpecs(['t'], { partitions: 1, replicationFactor: 1.5 })).toThrow(
      /replicationFactor/,
    );
  });
});
