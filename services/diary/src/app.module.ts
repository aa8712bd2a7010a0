import { HealthModule, kafkaProbe, mongoProbe, postgresProbe } from '@ejournal/health';
import { DynamicModule, Module } from '@nestjs/common';
import { DiaryConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: DiaryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule.forRoot([
          postgresProbe(config.DATABASE_URL),
          kafkaProbe(config.KAFKA_BROKERS, 'diary'),
          mongoProbe(config.MONGO_URL),
        ]),
      ],
    };
  }
}
