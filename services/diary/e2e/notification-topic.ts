import { kafkaClient } from '@ejournal/messaging';
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { logLevel } from 'kafkajs';

export interface TopicMessage {
  key: string;
  headers: Record<string, string>;
  value: string;
  /** performance.now() when this reader got it. */
  at: number;
}

/** A school app's consumer of the notifications topic: every message from the beginning. */
export async function readTopic(topic: string) {
  const kafka = kafkaClient({
    clientId: 'diary-e2e-app',
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `${topic}.school-app` });
  const messages: TopicMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
      );
      const [key, value] = [message.key?.toString() ?? '', message.value?.toString() ?? ''];
      messages.push({ key, headers, value, at: performance.now() });
    },
  });
  return { messages, close: () => consumer.disconnect() };
}

interface Channel {
  address: string;
  messages: Record<string, { payload: { schema: object }; headers: object }>;
}

/**
 * The contract of one topic as the diary's AsyncAPI document states it, accepted by the
 * official parser: each message's payload and headers checked against the document's JSON
 * Schemas (draft-07, as its `schemaFormat` says), its key against the Kafka binding (pupilId).
 */
export async function topicContract(asyncApiJson: string, topic: string) {
  const { diagnostics } = await new Parser().parse(asyncApiJson);
  const errors = diagnostics.filter((each) => each.severity === 0);
  if (errors.length > 0) throw new Error(`AsyncAPI document refused: ${JSON.stringify(errors)}`);
  const document = JSON.parse(asyncApiJson) as { channels: Record<string, Channel> };
  const channel = Object.values(document.channels).find((each) => each.address === topic);
  const message = Object.values(channel?.messages ?? {})[0];
  if (!message) throw new Error(`no message on ${topic} in the AsyncAPI document`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const payload = ajv.compile(message.payload.schema);
  const headers = ajv.compile(message.headers);
  /** What is wrong with a message under the document (empty when nothing). */
  return (each: TopicMessage): string[] => {
    const value = JSON.parse(each.value) as { pupilId?: string; notificationId?: string };
    const wrong: string[] = [];
    if (!payload(value)) wrong.push(`payload: ${ajv.errorsText(payload.errors)}`);
    if (!headers(each.headers)) wrong.push(`headers: ${ajv.errorsText(headers.errors)}`);
    if (each.key !== value.pupilId) wrong.push(`key ${each.key} is not the pupilId`);
    if (each.headers['notificationId'] !== value.notificationId)
      wrong.push('the notificationId header is not the payload’s');
    return wrong;
  };
}
