import { Kafka, logLevel as kafkajsLevel } from 'kafkajs';
import type { MessageBus } from '../port/message-bus.port';
import { kafkajsAdmin } from './kafkajs-admin';
import { kafkajsPublisher } from './kafkajs-publisher';
import { kafkajsSubscriber } from './kafkajs-subscriber';
import { fixKafkajsRequestQueueTimer } from './request-queue-timer';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkajsBusOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs writes its own JSON lines to the console at this level and above. */
  logLevel?: KafkaLogLevel;
  /** Upper bound of one produce request; larger publishes are split (order is kept). */
  maxRequestBytes?: number;
}

const LEVELS: Record<KafkaLogLevel, kafkajsLevel> = {
  nothing: kafkajsLevel.NOTHING,
  error: kafkajsLevel.ERROR,
  warn: kafkajsLevel.WARN,
  info: kafkajsLevel.INFO,
  debug: kafkajsLevel.DEBUG,
};

/** Below the broker's default `message.max.bytes` (1 MiB) for one partition's record batch. */
export const DEFAULT_MAX_REQUEST_BYTES = 900_000;

/** The message bus on Apache Kafka through kafkajs 2.2. */
export function createKafkajsBus(options: KafkajsBusOptions): MessageBus {
  fixKafkajsRequestQueueTimer();
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: LEVELS[options.logLevel ?? 'warn'],
  });
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  return {
    publisher: () => kafkajsPublisher(kafka, maxRequestBytes),
    subscriber: (subscriberOptions) => kafkajsSubscriber(kafka, subscriberOptions),
    admin: () => kafkajsAdmin(kafka),
  };
}
