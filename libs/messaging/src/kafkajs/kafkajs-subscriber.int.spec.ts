import { requireInfra, testTopic } from '@ejournal/testing';
import { kafkaFixture, type KafkaFixture } from '../testing/kafka-fixture';
import { until } from '../testing/until';

jest.setTimeout(60_000);

describe('a kafkajs subscriber whose consumer kafkajs gives up on (real Kafka)', () => {
  let kafka: KafkaFixture;
  const topic = testTopic('subscriber replaced');

  beforeAll(async () => {
    const { KAFKA_BROKERS } = await requireInfra();
    kafka = await kafkaFixture(KAFKA_BROKERS, 'subscriber-replaced-test');
    await kafka.createTopic(topic, 1);
    const publisher = await kafka.bus.publisher();
    await publisher.publish(
      topic,
      ['a', 'b', 'c'].map((value) => ({ key: 'k', value, headers: {} })),
    );
    await publisher.close();
  });

  afterAll(async () => {
    await kafka?.close();
  });

  it('is replaced by a new member that goes on from the last commit', async () => {
    const subscriber = kafka.bus.subscriber({ groupId: `${topic}.g`, topics: [topic] });
    const seen: string[] = [];
    let thrown = false;
    await subscriber.run(async (batch, control) => {
      if (!thrown) {
        thrown = true;
        // kafkajs holds a TypeError final: its consumer crashes with restart: false.
        throw new TypeError('a bug in the batch handler');
      }
      for (const message of batch.messages) {
        seen.push(message.value?.toString() ?? '');
        await control.commit(message.offset);
      }
    });
    try {
      await until('the messages after the crash', async () => seen.length >= 3);
      expect(thrown).toBe(true);
      expect(seen).toEqual(['a', 'b', 'c']);
      await until(
        'the commit',
        async () => (await kafka.committedCount(`${topic}.g`, topic)) === 3,
      );
    } finally {
      await subscriber.stop();
    }
  });
});
