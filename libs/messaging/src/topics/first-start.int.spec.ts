import { Kafka, logLevel } from 'kafkajs';
import { createKafkajsBus } from '../kafkajs/kafkajs-bus';
import type { TopicAdmin } from '../port/message-bus.port';
import { startFreshKafka, type FreshKafka } from '../testing/fresh-kafka';
import { provisionEventTopics } from './provision-topics';
import { deadLetterTopic, eventsTopic } from './topic-names';

// What `npm start` does on a new machine: the broker has just said it is ready, and identity
// and journal provision their topics at the same moment. Before provisioning retried while
// leaders move, one of the two failed with "This server does not host this topic-partition".
const SERVICES = [
  { topic: eventsTopic('identity'), partitions: 3 },
  { topic: eventsTopic('journal'), partitions: 6 },
];

describe('the first start on a fresh Kafka', () => {
  let kafka: FreshKafka | undefined;
  const admins: TopicAdmin[] = [];

  beforeAll(async () => {
    kafka = await startFreshKafka();
  }, 100_000);

  afterAll(async () => {
    await Promise.all(admins.map((admin) => admin.close()));
    await kafka?.stop();
  }, 40_000);

  it('provisions every service topic right after the broker reports ready, with leaders that answer', async () => {
    const brokers = [(kafka as FreshKafka).brokers];
    const timers = jest.spyOn(global, 'setTimeout');
    admins.push(
      ...(await Promise.all(
        SERVICES.map(({ topic }) =>
          createKafkajsBus({ brokers, clientId: `${topic}-relay`, logLevel: 'nothing' }).admin(),
        ),
      )),
    );

    const provisioned = await Promise.all(
      SERVICES.map(({ topic, partitions }, i) =>
        provisionEventTopics(admins[i] as TopicAdmin, [topic], {
          partitions,
          replicationFactor: 1,
        }),
      ),
    );

    expect(provisioned.map(({ created }) => [...created].sort())).toEqual(
      SERVICES.map(({ topic }) => [topic, deadLetterTopic(topic)]),
    );
    // Asked once, by a client without our retries: every partition's leader answers already.
    const probe = new Kafka({ clientId: 'first-start-probe', brokers, logLevel: logLevel.NOTHING });
    const admin = probe.admin({ retry: { retries: 0 } });
    await admin.connect();
    try {
      for (const { topic, partitions } of SERVICES) {
        for (const name of [topic, deadLetterTopic(topic)]) {
          expect(await admin.fetchTopicOffsets(name)).toHaveLength(partitions);
        }
      }
    } finally {
      await admin.disconnect();
    }
    // kafkajs' request queue re-armed its timer with about -1.7e12 ms after every response.
    const negative = timers.mock.calls.filter(
      ([, delay]) => typeof delay === 'number' && delay < 0,
    );
    expect(negative).toHaveLength(0);
  }, 60_000);
});
