import { HealthModule, kafkaProbe, mongoProbe, postgresProbe } from '@ejournal/health';
import { DynamicModule, Module } from '@nestjs/common';
import { ArchiveConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: ArchiveConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule.forRoot([
          postgresProbe(config.DATABASE_URL),
          kafkaProbe(config.KAFKA_BROKERS, 'archive'),
          mongoProbe(config.MONGO_URL),
        ]),
      ],
    };
  }
}
