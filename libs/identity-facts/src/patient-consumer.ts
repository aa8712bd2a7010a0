import { createKafkajsBus, type EventConsumer, type MessageBus } from '@ejournal/messaging';
import { setTimeout as sleep } from 'node:timers/promises';
import { closableBus } from './closable-bus';

const RETRY_START_MS = { min: 1000, max: 30_000 };

export interface PatientConsumerOptions {
  brokers: string[];
  clientId: string;
  /** The topic it waits for, named in the warning. */
  topic: string;
  /** Starts the consumer (startConsumer) on a bus this closes again when starting fails. */
  start(bus: MessageBus): Promise<EventConsumer>;
  warn(entry: { message: string; retryInMs: number; error: string }): void;
}

/**
 * A consumer of another service's topic that does not hold up the application: that service
 * (or the cluster's topic operator) creates the topic, possibly after this one started, so a
 * failed start is logged and tried again with backoff until it succeeds or `stop()` is called.
 */
export class PatientConsumer {
  private readonly stopping = new AbortController();
  private starting: Promise<void> = Promise.resolve();
  private consumer: EventConsumer | null = null;

  constructor(private readonly options: PatientConsumerOptions) {}

  start(): void {
    this.starting = this.startUntilRunning();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    await this.consumer?.stop();
  }

  private async startUntilRunning(): Promise<void> {
    const { signal } = this.stopping;
    const { brokers, clientId, topic } = this.options;
    for (let waitMs = RETRY_START_MS.min; !signal.aborted; waitMs *= 2) {
      const bus = closableBus(createKafkajsBus({ brokers, clientId }));
      try {
        this.consumer = await this.options.start(bus);
        return;
      } catch (error) {
        await bus.close();
        const retryInMs = Math.min(waitMs, RETRY_START_MS.max);
        const message = `cannot consume ${topic} yet; retrying`;
        this.options.warn({ message, retryInMs, error: String(error) });
        await sleep(retryInMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }
}
