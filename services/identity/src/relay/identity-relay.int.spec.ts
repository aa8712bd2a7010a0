import { kafkaClient } from '@ejournal/messaging';
import { createTestDatabase, testTopic } from '@ejournal/testing';
import { logLevel } from 'kafkajs';
import { operatorToken, seedSchool } from '../testing/identity-client';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';

describe('identity relay', () => {
  const topic = testTopic('identity relay');
  const kafka = kafkaClient({
    clientId: 'identity-relay-test',
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  let test: TestApp;
  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity relay'), {
      RELAY_ENABLED: 'true',
      IDENTITY_EVENTS_TOPIC: topic,
      IDENTITY_TOPIC_PARTITIONS: '1',
    });
  }, 60_000);
  afterAll(async () => {
    await test?.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('publishes identity facts from the store to Kafka, keyed by stream, ids only', async () => {
    const operator = await operatorToken(test);
    await seedSchool(test, operator);
    const consumer = kafka.consumer({ groupId: `${topic}.reader` });
    const received: { key: string; type: string; value: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value?.toString() ?? '';
        received.push({ key: message.key?.toString() ?? '', type: JSON.parse(value).type, value });
      },
    });
    const deadline = Date.now() + 20_000;
    while (received.length < 4 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await consumer.disconnect();
    expect(received.map((message) => [message.key, message.type])).toEqual(
      expect.arrayContaining([
        ['municipality-mun-simferopol', 'MunicipalityRegistered'],
        ['school-school-17', 'SchoolRegistered'],
        ['school-school-17', 'AcademicCalendarSet'],
        [expect.stringMatching(/^grants-/), 'RoleGranted'],
      ]),
    );
    expect(received.map((message) => message.value).join()).not.toContain('Оператор');
  }, 30_000);
});
