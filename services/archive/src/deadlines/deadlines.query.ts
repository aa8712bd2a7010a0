import { todayIn } from '@ejournal/decider';
import { Inject, Injectable } from '@nestjs/common';
import type { ArchiveConfig } from '../config';
import { RECORDS, type RecordModel } from '../catalogue/record-model';
import { ARCHIVE_CONFIG, CLOCK, type Clock } from '../infrastructure/tokens';
import {
  countsOf,
  deadlineOf,
  progressOf,
  stateOf,
  type DeadlineRecord,
  type RecordProgress,
} from './deadline-status';

const FIELDS = {
  _id: 1,
  kind: 1,
  schoolId: 1,
  status: 1,
  title: 1,
  activityKind: 1,
  signatures: 1,
  document: 1,
};

/** The year-end deadline view from the catalogue (equality filters only, FerretDB 1.x). */
@Injectable()
export class DeadlinesQuery {
  constructor(
    @Inject(RECORDS) private readonly records: RecordModel,
    @Inject(ARCHIVE_CONFIG) private readonly config: ArchiveConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One school's journals and summary sheets of a year, each sealed, printed, signed. */
  async ofSchool(schoolId: string, startYear: number) {
    const found = await this.records.find({ schoolId, startYear }, FIELDS).lean<DeadlineRecord[]>();
    const { today, deadline } = this.when(startYear);
    const progress = found.map((record) => progressOf(record, today, deadline));
    progress.sort((a, b) => a.recordId.localeCompare(b.recordId));
    return { schoolId, startYear, deadline, today, ...summary(progress), records: progress };
  }

  /** Every school of the region with records of the year, its counts and state. */
  async ofRegion(startYear: number) {
    const { REGION_ID: regionId } = this.config;
    const found = await this.records.find({ regionId, startYear }, FIELDS).lean<DeadlineRecord[]>();
    const { today, deadline } = this.when(startYear);
    const bySchool = new Map<string, RecordProgress[]>();
    for (const record of found) {
      const list = bySchool.get(record.schoolId) ?? [];
      list.push(progressOf(record, today, deadline));
      bySchool.set(record.schoolId, list);
    }
    const schools = [...bySchool.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([schoolId, progress]) => ({ schoolId, ...summary(progress) }));
    return {
      regionId,
      startYear,
      deadline,
      today,
      overdueSchools: schools.filter((school) => school.state === 'overdue').length,
      schools,
    };
  }

  private when(startYear: number) {
    return {
      today: todayIn(this.config.ARCHIVE_TIME_ZONE, this.clock()),
      deadline: deadlineOf(startYear),
    };
  }
}

function summary(progress: RecordProgress[]) {
  const journals = countsOf(progress.filter((item) => item.kind === 'journal'));
  const summarySheets = countsOf(progress.filter((item) => item.kind === 'summary_sheet'));
  const all = countsOf(progress);
  return { state: stateOf(all), overdue: all.overdue, journals, summarySheets };
}
