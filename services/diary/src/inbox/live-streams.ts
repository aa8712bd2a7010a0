import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { DiaryConfig } from '../config';
import { DiaryFacts } from '../facts/diary-facts';
import { DIARY_CONFIG } from '../infrastructure/tokens';
import { WakeableLoop } from '../infrastructure/wakeable-loop';
import { Wakeups } from '../infrastructure/wakeups';
import { DEFAULT_PREFERENCES } from '../preferences/notification-preferences';
import { PreferencesStore } from '../preferences/preferences-store';
import { deliveryTime } from '../preferences/quiet-hours';
import { NotificationInbox, type InboxItem } from './notification-inbox';

const PER_ROUND = 100;

interface Stream {
  recipientId: string;
  /** The id of the last notification sent or passed over. */
  after: string;
  out: ServerResponse;
}

/**
 * The open Server-Sent Event streams of this process. One round per STREAM_POLL_MS (or at
 * once when this process's consumer committed) reads what each stream has not had, in id
 * order, with one query for all of them; each notification goes out when the recipient's web
 * channel is on and outside her quiet hours, else it waits (never skipped) or, with the
 * channel off, is passed over. Other replicas' commits are found by the poll.
 */
@Injectable()
export class LiveStreams implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('live-streams');
  private readonly streams = new Set<Stream>();
  private readonly zones = new Map<string, string>();
  private loop: WakeableLoop | null = null;

  constructor(
    @Inject(DIARY_CONFIG) private readonly config: DiaryConfig,
    private readonly inbox: NotificationInbox,
    private readonly preferences: PreferencesStore,
    private readonly facts: DiaryFacts,
    private readonly wakeups: Wakeups,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = new WakeableLoop(this.wakeups, {
      round: () => this.round().then(() => 'partial' as const),
      idleMs: this.config.STREAM_POLL_MS,
      onError: (error) =>
        this.logger.error({ message: 'stream round failed; retrying', error: String(error) }),
    });
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
    for (const stream of this.streams) stream.out.end();
    this.streams.clear();
  }

  /** Streams the recipient's notifications after `after` until the client goes or `until`. */
  open(recipientId: string, after: string, out: ServerResponse, until: Date): void {
    const stream: Stream = { recipientId, after, out };
    this.streams.add(stream);
    const heartbeat = setInterval(
      () => out.write(': heartbeat\n\n'),
      this.config.STREAM_HEARTBEAT_MS,
    );
    // The token's end ends the stream: the client comes back with a fresh one and Last-Event-ID.
    const expiry = setTimeout(() => out.end(), Math.max(0, until.getTime() - Date.now()));
    out.on('close', () => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      this.streams.delete(stream);
    });
    this.wakeups.wake();
  }

  private async round(): Promise<void> {
    const open = [...this.streams];
    if (open.length === 0) return;
    const rows = await this.inbox.after(open, PER_ROUND);
    if (rows.length === 0) return;
    const recipients = [...new Set(rows.map((row) => open[row.cursor]?.recipientId ?? ''))];
    const preferences = await this.preferences.ofMany(recipients);
    const held = new Set<number>();
    for (const row of rows) {
      const stream = open[row.cursor];
      if (!stream || held.has(row.cursor) || !this.streams.has(stream)) continue;
      const due = deliveryTime(
        preferences.get(stream.recipientId) ?? DEFAULT_PREFERENCES,
        'web',
        await this.zoneOf(row.schoolId),
        new Date(row.createdAt),
      );
      if (due !== 'never' && due > new Date()) {
        held.add(row.cursor);
        continue;
      }
      if (due !== 'never') send(stream.out, row);
      stream.after = row.id;
    }
  }

  private async zoneOf(schoolId: string): Promise<string> {
    let zone = this.zones.get(schoolId);
    if (!zone) {
      zone = (await this.facts.timeZone(schoolId)) ?? 'UTC';
      this.zones.set(schoolId, zone);
    }
    return zone;
  }
}

function send(out: ServerResponse, item: InboxItem): void {
  const { id, message } = item;
  out.write(`id: ${id}\nevent: notification\ndata: ${JSON.stringify(message)}\n\n`);
}
