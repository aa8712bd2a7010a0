import { HealthModule, kafkaProbe, mongoProbe, postgresProbe } from '@ejournal/health';
import { DynamicModule, Module } from '@nestjs/common';
import { JournalConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: JournalConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule.forRoot([
          postgresProbe(config.DATABASE_URL),
          kafkaProbe(config.KAFKA_BROKERS, 'journal'),
          mongoProbe(config.MONGO_URL),
        ]),
      ],
    };
  }
}
