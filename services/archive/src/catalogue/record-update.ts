import { type RecordedJournalEvent } from '@ejournal/contracts';
import type { UpdateQuery } from 'mongoose';
import type { RecordAction, RecordDocument } from './record-document';
import { retentionOf } from './retention';

export interface RecordUpdate {
  documentId: string;
  update: UpdateQuery<RecordDocument>;
}

const CORRECTIONS = new Set([
  'MarkCorrected',
  'MarkRevoked',
  'AttendanceCorrected',
  'LessonEdited',
  'LessonVoided',
  'SummaryMarkCorrected',
]);

/**
 * The change an event of a `journal-*` or `summary-*` stream makes to its catalogue record:
 * every event moves the content hash and the last change; record-keeping actions (capture,
 * corrections, periods, decisions, sealing) are listed with who and when. Marks and lessons
 * themselves are the record's content, counted by its version, not listed as actions.
 */
export function recordUpdate(event: RecordedJournalEvent): RecordUpdate | null {
  const base = {
    'dates.lastChanged': event.recordedAt,
    contentHash: {
      algorithm: 'sha-256-chain',
      value: event.hash,
      streamVersion: event.streamVersion,
    },
  };
  const action = actionOf(event);
  const push = action ? { $push: { actions: action } } : {};
  if (event.streamId.startsWith('journal-')) {
    return {
      documentId: event.streamId,
      update: { $set: { ...base, ...journalFields(event) }, ...push },
    };
  }
  const { regionId, schoolId } = event.tenant;
  const sheet = schoolId === null ? null : summaryPlace(event.streamId, schoolId);
  if (!sheet) return null;
  const academicYear = `${sheet.startYear}/${sheet.startYear + 1}`;
  // Signatures belong to the printed document, which a later change of the sheet does not undo.
  const opened =
    event.streamVersion === 1 ? { 'dates.created': event.recordedAt, signatures: [] } : {};
  return {
    documentId: event.streamId,
    update: {
      $set: {
        ...base,
        ...opened,
        identifier: `ejournal:${regionId}:${event.streamId}`,
        kind: 'summary_sheet',
        title: `Summary grade sheet of class ${sheet.classId}, ${academicYear}`,
        regionId,
        schoolId,
        academicYear,
        startYear: sheet.startYear,
        activityKind: 'summary_sheet',
        subjectId: null,
        groupId: null,
        classId: sheet.classId,
        streamId: event.streamId,
        retention: retentionOf('summary_sheet', sheet.startYear),
        status: 'open',
      },
      ...push,
    },
  };
}

function journalFields(event: RecordedJournalEvent): Record<string, unknown> {
  if (event.type === 'JournalSealed') return { status: 'sealed', 'dates.sealed': event.recordedAt };
  if (event.type !== 'JournalOpened') return {};
  const { journalId, schoolId, academicYear, groupId, kind, subjectId } = event.data;
  const startYear = Number(academicYear.slice(0, 4));
  return {
    identifier: `ejournal:${event.tenant.regionId}:${event.streamId}`,
    kind: 'journal',
    title: `Journal ${journalId}: ${kind}${subjectId ? ` ${subjectId}` : ''}, group ${groupId}, ${academicYear}`,
    regionId: event.tenant.regionId,
    schoolId,
    academicYear,
    startYear,
    activityKind: kind,
    subjectId,
    groupId,
    classId: null,
    streamId: event.streamId,
    'dates.created': event.recordedAt,
    'dates.sealed': null,
    retention: retentionOf('journal', startYear),
    status: 'open',
    signatures: [],
  };
}

function actionOf(event: RecordedJournalEvent): RecordAction | null {
  // A stream's first event creates the record; a summary sheet has no opening event of its own.
  const name = event.streamVersion === 1 ? 'captured' : actionName(event.type);
  if (!name) return null;
  const data = event.data as Partial<Record<'authorisedBy' | 'orderRef' | 'reason', string | null>>;
  return {
    action: name,
    eventType: event.type,
    eventId: event.eventId,
    streamVersion: event.streamVersion,
    at: event.recordedAt,
    by: event.actor.userId,
    role: event.actor.role,
    onBehalfOf: event.actor.onBehalfOf ?? null,
    authorisedBy: data.authorisedBy ?? null,
    orderRef: data.orderRef ?? null,
    reason: data.reason ?? null,
  };
}

function actionName(type: RecordedJournalEvent['type']): RecordAction['action'] | null {
  if (type === 'JournalSealed') return 'sealed';
  if (type === 'PeriodClosed') return 'period_closed';
  if (type === 'PeriodReopened') return 'period_reopened';
  if (type === 'CouncilDecisionRecorded') return 'decision_recorded';
  return CORRECTIONS.has(type) ? 'corrected' : null;
}

/** `summary-{schoolId}-{startYear}-{classId}`, read knowing the school from the envelope. */
export function summaryPlace(
  streamId: string,
  schoolId: string,
): { startYear: number; classId: string } | null {
  const prefix = `summary-${schoolId}-`;
  if (!streamId.startsWith(prefix)) return null;
  const match = /^(\d{4})-(.+)$/.exec(streamId.slice(prefix.length));
  return match ? { startYear: Number(match[1]), classId: match[2] as string } : null;
}
