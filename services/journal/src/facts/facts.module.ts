import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_POOL } from '../infrastructure/tokens';
import { IdentityFactsConsumer } from './identity-facts.consumer';
import { IDENTITY_FACTS } from './identity-facts.port';
import { PostgresIdentityFacts } from './postgres-identity-facts';

/** Identity's facts, projected from its topic and read by the journal's command handlers. */
@Module({
  providers: [
    {
      provide: IDENTITY_FACTS,
      inject: [APP_POOL],
      useFactory: (pool: Pool) => new PostgresIdentityFacts(pool),
    },
    IdentityFactsConsumer,
  ],
  exports: [IDENTITY_FACTS],
})
export class FactsModule {}
