/** A claimed delivery as the pipeline sees it: an id, and when it may still be started. */
export interface PipelineItem {
  notificationId: string;
}

export interface PipelineOptions<Item extends PipelineItem> {
  /** Requests in flight at most. */
  concurrency: number;
  /** Claimed deliveries held at most: in flight and waiting for a free lane (≥ 2 × concurrency). */
  capacity: number;
  /** How long after its claim a delivery may still be started (its lease must outlive it). */
  startWithinMs: number;
  /**
   * Records `settled` (accepted by the endpoint) as delivered and claims up to `limit` more,
   * in one round trip; a claimed one is the oldest pending of its (pupil, recipient) queue,
   * counting the settled ones as gone.
   */
  claim(limit: number, settled: string[]): Promise<Item[]>;
  /** One attempt: true when accepted (recorded by the next claim), false when recorded failed. */
  send(item: Item): Promise<boolean>;
  /** On stop: the accepted ones recorded, the claimed but unsent ones given back. */
  finish(settled: string[], unsent: string[]): Promise<void>;
  onError(error: unknown): void;
  /** Waits before claiming again after a failed claim. */
  pause(): Promise<void>;
  stopping: AbortSignal;
}

/**
 * One endpoint's deliveries as a steady pipeline: `concurrency` lanes, each taking the next
 * claimed delivery as soon as its request ends, and a refill (settle the accepted, claim more)
 * whenever fewer than half the capacity are waiting. A slow or hung request holds only its lane,
 * and only its own (pupil, recipient) queue: the next delivery of that queue is not claimable
 * until this one is settled. Ends when nothing is in flight, waiting or claimable.
 */
export class EndpointPipeline<Item extends PipelineItem> {
  private readonly waiting: { item: Item; startBy: number }[] = [];
  private accepted: string[] = [];
  private inFlight = 0;
  private refilling = false;
  /** The last claim found nothing and nothing was settled or announced since. */
  private drained = false;
  private ended = false;
  private end: () => void = () => undefined;
  readonly finished = new Promise<void>((resolve) => (this.end = resolve));

  constructor(private readonly options: PipelineOptions<Item>) {}

  /** Starts the pipeline, or makes a running one claim again (new deliveries were made). */
  poke(): void {
    this.drained = false;
    this.step();
  }

  private step(): void {
    if (this.ended) return;
    const { concurrency, capacity, stopping } = this.options;
    if (stopping.aborted) return this.stop();
    while (this.inFlight < concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift() as { item: Item; startBy: number };
      // Too late to finish within its lease: left to lapse and be claimed again.
      if (performance.now() > next.startBy) continue;
      this.launch(next.item);
    }
    const room = capacity - this.inFlight - this.waiting.length;
    // Claims while half the pipeline is still waiting: lanes never stand idle for a claim.
    const wanted = this.waiting.length < capacity / 2 && room > 0;
    if (!this.refilling && wanted && (!this.drained || this.accepted.length > 0)) {
      this.refill(room);
    } else if (!this.refilling && this.inFlight === 0 && this.waiting.length === 0) {
      this.ended = true;
      this.end();
    }
  }

  private launch(item: Item): void {
    this.inFlight += 1;
    this.options
      .send(item)
      .then((ok) => {
        if (ok) this.accepted.push(item.notificationId);
      })
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.inFlight -= 1;
        this.step();
      });
  }

  private refill(limit: number): void {
    this.refilling = true;
    const settled = this.accepted;
    this.accepted = [];
    const claimedAt = performance.now();
    void this.options
      .claim(limit, settled)
      .then(
        (items) => {
          const startBy = claimedAt + this.options.startWithinMs;
          for (const item of items) this.waiting.push({ item, startBy });
          this.drained = items.length === 0;
        },
        async (error: unknown) => {
          this.accepted.push(...settled);
          this.options.onError(error);
          await this.options.pause();
        },
      )
      .finally(() => {
        this.refilling = false;
        this.step();
      });
  }

  /** Once the requests in flight ended (aborted by `stopping`): records and gives back. */
  private stop(): void {
    if (this.refilling || this.inFlight > 0) return;
    this.ended = true;
    const unsent = this.waiting.splice(0).map((each) => each.item.notificationId);
    void this.options
      .finish(this.accepted, unsent)
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => this.end());
  }
}
