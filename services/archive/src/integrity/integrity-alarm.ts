import { Injectable, Logger } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import type { AlarmCode } from './judge-checkpoint';

export interface Alarm {
  code: AlarmCode;
  logId: string | null;
  checkpointId: string | null;
  problem: string;
}

/**
 * Raises an integrity alarm where operators look: the `ejournal.integrity.alarms` counter (by
 * log and code) and an error line in the JSON log. The status endpoint reads the kept rows.
 */
@Injectable()
export class IntegrityAlarm {
  private readonly logger = new Logger('integrity');
  private readonly alarms = metrics
    .getMeter('@ejournal/archive')
    .createCounter('ejournal.integrity.alarms', {
      unit: '{alarm}',
      description: 'Checkpoints that failed the archive’s checks (signature, key, consistency)',
    });

  raise(alarm: Alarm): void {
    this.alarms.add(1, {
      'ejournal.log_id': alarm.logId ?? 'unknown',
      'ejournal.code': alarm.code,
    });
    this.logger.error({ message: 'integrity alarm', event: 'integrity.alarm', ...alarm });
  }
}
