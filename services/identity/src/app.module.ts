import { HealthModule, kafkaProbe, postgresProbe } from '@ejournal/health';
import { DynamicModule, Module } from '@nestjs/common';
import { IdentityConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: IdentityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule.forRoot([
          postgresProbe(config.DATABASE_URL),
          kafkaProbe(config.KAFKA_BROKERS, 'identity'),
        ]),
      ],
    };
  }
}
