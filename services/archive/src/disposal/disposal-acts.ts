import { newEventId } from '@ejournal/contracts';
import { todayIn } from '@ejournal/decider';
import type { IdempotencyKey } from '@ejournal/event-store';
import { NotFoundProblem } from '@ejournal/http';
import type { EventContext } from '@ejournal/write-path';
import { Inject, Injectable } from '@nestjs/common';
import { RecordsQuery, type RecordView } from '../catalogue/records.query';
import type { ArchiveConfig } from '../config';
import { DocumentSources } from '../documents/sources/document-sources';
import { ARCHIVE_CONFIG, CLOCK, type Clock } from '../infrastructure/tokens';
import { ArchiveWrites } from '../retention/archive-writes';
import { refuse } from '../retention/archive-refusals';
import { RecordRetention } from '../retention/record-retention';
import {
  disposalAct,
  disposalActStreamId,
  type ActRecord,
  type Approver,
  type DisposalActState,
  type DisposalCommand,
} from './disposal-act.decider';
import { executeAct } from './execute-act';
import { STREAM_DISPOSER, type StreamDisposer } from './stream-disposer';

export type ActView = Omit<DisposalActState, 'status'> & {
  status: Exclude<DisposalActState['status'], 'none'>;
  version: number;
};

/** The disposal act workflow on the archive's store: draft, approve or reject, execute. */
@Injectable()
export class DisposalActs {
  constructor(
    private readonly writes: ArchiveWrites,
    private readonly records: RecordsQuery,
    private readonly retention: RecordRetention,
    @Inject(STREAM_DISPOSER) private readonly disposer: StreamDisposer,
    private readonly sources: DocumentSources,
    @Inject(ARCHIVE_CONFIG) private readonly config: ArchiveConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The school's records of a year whose retention ended before today, free of holds. */
  async candidates(schoolId: string, startYear: number) {
    const today = this.today();
    const due = (await this.records.ofSchoolYear(schoolId, startYear)).filter(
      (record) => record.retention.dispositionDate < today,
    );
    const standings = await Promise.all(due.map((record) => this.retention.standing(record._id)));
    return due
      .map((record, index) => ({ record, standing: standings[index] }))
      .filter(({ standing }) => standing && standing.holds.length === 0 && !standing.disposal)
      .map(({ record }) => actRecord(record));
  }

  async draft(
    schoolId: string,
    body: { actId?: string | undefined; recordIds: string[]; reason: string },
    context: EventContext,
    idempotency: IdempotencyKey | null,
  ): Promise<ActView> {
    const found = await Promise.all(body.recordIds.map((id) => this.records.record(id)));
    const records = found.map((record, index) => {
      if (record?.schoolId !== schoolId) {
        throw new NotFoundProblem(
          'ARCHIVE.RECORD_NOT_FOUND',
          `The school has no record ${body.recordIds[index]}`,
        );
      }
      return actRecord(record);
    });
    const standing = await Promise.all(
      records.map(async ({ recordId }) => {
        const { holds, disposal } = await this.retention.standing(recordId);
        return { recordId, onHold: holds.length > 0, disposed: disposal !== null };
      }),
    );
    const actId = body.actId ?? newEventId();
    const approvals: Approver[] = this.config.DISPOSAL_REGIONAL_APPROVAL
      ? ['head', 'regional_archive']
      : ['head'];
    const data = {
      actId,
      schoolId,
      draftedOn: this.today(),
      records,
      reason: body.reason,
      approvals,
    };
    return this.handle(schoolId, actId, { type: 'DraftAct', data, standing }, context, idempotency);
  }

  async act(schoolId: string, actId: string): Promise<ActView> {
    const { state, version } = await this.writes.load(disposalActStreamId(actId), disposalAct);
    return view(inSchool(state, schoolId), version);
  }

  decide(
    schoolId: string,
    actId: string,
    command: DisposalCommand,
    context: EventContext,
  ): Promise<ActView> {
    return this.handle(schoolId, actId, command, context, null);
  }

  /** Disposes of every record of an approved act through its owning store, then closes it. */
  async execute(schoolId: string, actId: string, context: EventContext): Promise<ActView> {
    await this.act(schoolId, actId);
    await executeAct(actId, context, {
      load: async () => (await this.writes.load(disposalActStreamId(actId), disposalAct)).state,
      actStep: (command) => this.handle(schoolId, actId, command, context, null),
      retention: this.retention,
      disposer: this.disposer,
      sources: this.sources,
    });
    return this.act(schoolId, actId);
  }

  private handle(
    schoolId: string,
    actId: string,
    command: DisposalCommand,
    context: EventContext,
    idempotency: IdempotencyKey | null,
  ): Promise<ActView> {
    return this.writes.handle({
      streamId: disposalActStreamId(actId),
      decider: disposalAct,
      tenant: { regionId: this.config.REGION_ID, schoolId },
      context,
      idempotency,
      command: (state) => {
        if (command.type !== 'DraftAct') inSchool(state, schoolId);
        return command;
      },
      respond: ({ state, version }) => view(state, version),
    });
  }

  private today(): string {
    return todayIn(this.config.ARCHIVE_TIME_ZONE, this.clock());
  }
}

/** An act of another school is answered like one that does not exist. */
function inSchool(state: DisposalActState, schoolId: string): DisposalActState {
  if (state.status === 'none' || state.schoolId !== schoolId) {
    throw refuse.notFound('ARCHIVE.ACT_NOT_FOUND', 'The school has no such disposal act');
  }
  return state;
}

function view(state: DisposalActState, version: number): ActView {
  return { ...state, status: state.status as ActView['status'], version };
}

function actRecord(record: RecordView): ActRecord {
  return {
    recordId: record._id,
    kind: record.kind,
    retentionClass: record.retention.retentionClass,
    dispositionDate: record.retention.dispositionDate,
    contentHash: record.contentHash.value,
    streamVersion: record.contentHash.streamVersion,
  };
}
