import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DependencyProbe } from './dependency-probe';

export const DEPENDENCY_PROBES = Symbol('DEPENDENCY_PROBES');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DEPENDENCY_PROBES) private readonly probes: DependencyProbe[],
  ) {}

  /** The process is alive; dependencies are not consulted, so a database outage never restarts pods. */
  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is consulted)' })
  live() {
    return this.health.check([]);
  }

  /** Every real dependency answers; 503 with the failing ones named otherwise. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: every dependency answers; 503 names the failing ones' })
  ready() {
    return this.health.check(
      this.probes.map((probe) => async () => {
        const indicator = this.indicators.check(probe.name);
        try {
          await probe.check();
          return indicator.up();
        } catch (error) {
          return indicator.down({
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }),
    );
  }
}
