import { Inject, Injectable } from '@nestjs/common';
import type { RecordDocument } from './record-document';
import { RECORDS, type RecordModel } from './record-model';

type Stored = RecordDocument & {
  versions?: Record<string, number>;
  quarantine?: Record<string, string>;
};

export type RecordView = RecordDocument & { stale: string | null };

/** The catalogue's reads, each one equality filter FerretDB 1.x pushes down. */
@Injectable()
export class RecordsQuery {
  constructor(@Inject(RECORDS) private readonly records: RecordModel) {}

  async placeOf(recordId: string): Promise<{ regionId: string; schoolId: string } | null> {
    return this.records
      .findById(recordId, { _id: 0, regionId: 1, schoolId: 1 })
      .lean<{ regionId: string; schoolId: string }>();
  }

  async record(recordId: string): Promise<RecordView | null> {
    const found = await this.records.findById(recordId).lean<Stored>();
    return found && view(found);
  }

  async ofSchoolYear(schoolId: string, startYear: number): Promise<RecordView[]> {
    const found = await this.records.find({ schoolId, startYear }).lean<Stored[]>();
    return found.map(view).sort((a, b) => a._id.localeCompare(b._id));
  }
}

/** Without the projection's bookkeeping; a record waiting for a rebuild says why. */
function view({ versions: _versions, quarantine, ...record }: Stored): RecordView {
  const reasons = Object.values(quarantine ?? {});
  return { ...record, stale: reasons[0] ?? null };
}
