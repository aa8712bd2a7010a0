import { newEventId } from '@ejournal/contracts';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import type { IdentityConfig } from '../config';
import { inTransaction } from '../infrastructure/transaction';
import { APP_POOL, CLOCK, IDENTITY_CONFIG, type Clock } from '../infrastructure/tokens';
import {
  generateSigningKey,
  openPrivateKey,
  sealPrivateKey,
  type KeyRow,
  type LoadedKey,
} from './key-crypto';

/**
 * Access-token signing keys, shared by all replicas through PostgreSQL. A new key is published
 * at once and signs after the activation delay, so verifiers' cached sets know it before any
 * token; the old key stops signing then and stays published until its last token expired.
 */
@Injectable()
export class KeyRing implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('keys');
  private readonly encryptionKey: Buffer;
  private keys: LoadedKey[] = [];
  private published: JSONWebKeySet = { keys: [] };
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.encryptionKey = Buffer.from(config.IDENTITY_KEY_ENCRYPTION_KEY, 'base64');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    if (this.keys.length === 0) await this.rotate(0);
    this.timer = setInterval(() => void this.tick(), this.config.KEY_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The set `/.well-known/jwks.json` serves; the same object until the keys change. */
  jwks(): JSONWebKeySet {
    return this.published;
  }

  signingKey(): { kid: string; privateKey: KeyObject } {
    const now = this.clock().getTime();
    const usable = this.keys.filter(
      (key) =>
        key.activates_at.getTime() <= now && (!key.retired_at || key.retired_at.getTime() > now),
    );
    const key = usable.at(-1) ?? this.keys.at(-1);
    if (!key) throw new Error('No signing key is loaded');
    return { kid: key.kid, privateKey: key.privateKey };
  }

  /**
   * Adds a key that signs after `delaySeconds`; the keys before it retire at that moment.
   * With `unlessNewerThan`, another replica's rotation since then makes this one a no-op.
   */
  async rotate(
    delaySeconds = this.config.KEY_ACTIVATION_DELAY_SECONDS,
    unlessNewerThan?: Date,
  ): Promise<{ kid: string; activatesAt: Date } | null> {
    const now = this.clock();
    const activatesAt = new Date(now.getTime() + delaySeconds * 1000);
    const kid = newEventId(now.getTime());
    const { publicJwk, privateDer } = generateSigningKey(kid);
    const rotated = await inTransaction(this.pool, async (client) => {
      await client.query(
        "SELECT pg_advisory_xact_lock(hashtextextended('identity.signing_keys', 0))",
      );
      if (unlessNewerThan) {
        const { rows } = await client.query<{ newest: Date | null }>(
          'SELECT max(created_at) AS newest FROM identity.signing_keys',
        );
        if (rows[0]?.newest && rows[0].newest > unlessNewerThan) return false;
      }
      await client.query(
        'UPDATE identity.signing_keys SET retired_at = $1 WHERE retired_at IS NULL OR retired_at > $1',
        [activatesAt],
      );
      await client.query('INSERT INTO identity.signing_keys VALUES ($1, $2, $3, $4, $5, NULL)', [
        kid,
        publicJwk,
        sealPrivateKey(privateDer, this.encryptionKey, kid),
        now,
        activatesAt,
      ]);
      return true;
    });
    await this.refresh();
    if (!rotated) return null;
    this.logger.log({ message: 'signing key added', kid, activatesAt: activatesAt.toISOString() });
    return { kid, activatesAt };
  }

  async refresh(): Promise<void> {
    const { rows } = await this.pool.query<KeyRow>(
      'SELECT * FROM identity.signing_keys WHERE retired_at IS NULL OR retired_at > $1 ORDER BY activates_at, kid',
      [new Date(this.clock().getTime() - this.publishedAfterRetirementMs())],
    );
    const known = new Map(this.keys.map((key) => [key.kid, key]));
    this.keys = rows.flatMap((row) => {
      const loaded = known.get(row.kid) ?? this.open(row);
      return loaded ? [loaded] : [];
    });
    for (const key of this.keys)
      key.retired_at = rows.find((row) => row.kid === key.kid)?.retired_at ?? null;
    const kids = this.keys.map((key) => key.kid).join();
    if (kids !== this.published.keys.map((key) => key.kid).join()) {
      this.published = { keys: this.keys.map((key) => key.public_jwk) };
    }
  }

  /** A key sealed under another encryption key (a lost or changed secret) is left out. */
  private open(row: KeyRow): LoadedKey | null {
    try {
      return { ...row, privateKey: openPrivateKey(row.private_key, this.encryptionKey, row.kid) };
    } catch {
      this.logger.error({
        message: 'signing key cannot be decrypted with IDENTITY_KEY_ENCRYPTION_KEY; left out',
        kid: row.kid,
      });
      return null;
    }
  }

  private publishedAfterRetirementMs(): number {
    return (this.config.ACCESS_TOKEN_TTL_SECONDS + 60) * 1000;
  }

  private async tick(): Promise<void> {
    try {
      await this.refresh();
      const newest = this.keys.at(-1);
      const maxAgeMs = this.config.KEY_ROTATION_DAYS * 86_400_000;
      const threshold = new Date(this.clock().getTime() - maxAgeMs);
      if (newest && newest.created_at < threshold) await this.rotate(undefined, threshold);
    } catch (error) {
      this.logger.error({ message: 'key refresh failed', error: String(error) });
    }
  }
}
