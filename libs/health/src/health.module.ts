import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DependencyProbe } from './dependency-probe';
import { DEPENDENCY_PROBES, HealthController } from './health.controller';

@Module({})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Inject(DEPENDENCY_PROBES) private readonly probes: DependencyProbe[]) {}

  static forRoot(probes: DependencyProbe[]): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [{ provide: DEPENDENCY_PROBES, useValue: probes }],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.probes.map((probe) => probe.close()));
  }
}
