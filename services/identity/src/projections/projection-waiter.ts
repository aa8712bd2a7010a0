import { ProjectionWaiter as Waiter } from '@ejournal/write-path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';

/** Identity's read models are caught up to the version in `identity.projection_versions`. */
@Injectable()
export class ProjectionWaiter extends Waiter {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {
    super(new Logger('projections'));
  }

  protected async storedVersion(streamId: string): Promise<number> {
    const result = await this.pool.query<{ version: number }>(
      'SELECT version FROM identity.projection_versions WHERE stream_id = $1',
      [streamId],
    );
    return result.rows[0]?.version ?? 0;
  }
}
