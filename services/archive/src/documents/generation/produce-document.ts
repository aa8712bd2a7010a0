import { type DocumentProduced, newEventId } from '@ejournal/contracts';
import type { DocumentStore } from '@ejournal/document-store';
import { type EventStore, WrongExpectedVersionError } from '@ejournal/event-store';
import type { RecordModel } from '../../catalogue/record-model';
import { summaryPlace } from '../../catalogue/record-update';
import { foldJournal, type JournalContent } from '../content/journal-content';
import type { SourceEvent } from '../content/source-event';
import { foldSummary } from '../content/summary-content';
import { renderJournal } from '../pdf/journal-pdf';
import { renderSummary } from '../pdf/summary-pdf';
import type { DocumentSources } from '../sources/document-sources';
import type { PeopleDirectory } from './people-directory';

export interface DocumentJob {
  jobId: string;
  recordId: string;
  kind: 'journal' | 'summary_sheet';
  sourceVersion: number;
  schoolId: string;
  startYear: number;
}

/** A job that cannot run yet (its record or source events are still in transit). */
export class NotReadyError extends Error {}

export const LAYOUT = 'paper-journal-2026.1';
export const documentStream = (recordId: string) => `document-${recordId}`;

export interface ProducerDeps {
  sources: DocumentSources;
  store: EventStore;
  documents: DocumentStore;
  records: RecordModel;
  people: PeopleDirectory;
  regionId: string;
  clock: () => Date;
}

/**
 * Produces one record version's PDF, at most once: the `DocumentProduced` event of
 * `document-{recordId}` is the commit point (appended with the stream's expected version), so
 * a job re-run after a crash finds it and only finishes the cataloguing; the bytes are
 * content-addressed, so storing them again changes nothing.
 */
export async function produceDocument(job: DocumentJob, deps: ProducerDeps): Promise<string> {
  const streamId = documentStream(job.recordId);
  const history = await deps.store.readStream(streamId);
  const done = history.find(
    (event): event is typeof event & DocumentProduced =>
      event.type === 'DocumentProduced' &&
      (event.data as DocumentProduced['data']).sourceVersion === job.sourceVersion,
  );
  const record = await deps.records.findById(job.recordId, { retention: 1, document: 1 }).lean();
  if (!record) throw new NotReadyError(`record ${job.recordId} is not catalogued yet`);
  let produced = done?.data as DocumentProduced['data'] | undefined;
  let producedAt = done?.recordedAt;
  if (!produced) {
    const bytes = await render(job, deps);
    const stored = await deps.documents.put(bytes, {
      contentType: 'application/pdf',
      retainUntil: new Date(`${record.retention.dispositionDate}T23:59:59Z`),
    });
    produced = {
      recordId: job.recordId,
      kind: job.kind,
      sourceVersion: job.sourceVersion,
      documentRef: stored.ref,
      size: stored.size,
      contentType: 'application/pdf',
      layout: LAYOUT,
    };
    producedAt = deps.clock().toISOString();
    try {
      await deps.store.append(streamId, history.length === 0 ? 'noStream' : history.length, [
        {
          eventId: newEventId(),
          type: 'DocumentProduced',
          schemaVersion: 1,
          occurredAt: producedAt,
          tenant: { regionId: deps.regionId, schoolId: job.schoolId },
          actor: { userId: 'archive', role: 'service', onBehalfOf: null },
          correlationId: `document-job-${job.jobId}`,
          causationId: null,
          traceparent: null,
          data: produced,
        },
      ]);
    } catch (error) {
      // Another runner of the same job got there first: its document stands.
      if (error instanceof WrongExpectedVersionError) throw new NotReadyError('raced; retry');
      throw error;
    }
  }
  const catalogued = record.document;
  if (
    catalogued?.ref !== produced.documentRef &&
    (catalogued?.sourceVersion ?? 0) <= job.sourceVersion
  )
    await deps.records.updateOne(
      { _id: job.recordId },
      {
        $set: {
          document: {
            ref: produced.documentRef,
            size: produced.size,
            contentType: produced.contentType,
            sourceVersion: produced.sourceVersion,
            producedAt,
            signatureRef: null,
          },
        },
      },
    );
  return produced.documentRef;
}

async function render(job: DocumentJob, deps: ProducerDeps): Promise<Uint8Array> {
  const place = {
    identifier: `ejournal:${deps.regionId}:${job.recordId}`,
    version: job.sourceVersion,
  };
  const events = await complete(deps.sources, job.recordId, job.sourceVersion);
  if (job.kind === 'journal') {
    const journal = foldJournal(events);
    const names = await deps.people.names([...journal.pupilIds, ...journal.teacherIds]);
    return renderJournal(journal, names, place);
  }
  const sheet = summaryPlace(job.recordId, job.schoolId);
  if (!sheet) throw new Error(`${job.recordId} is not a summary sheet of ${job.schoolId}`);
  const journals: JournalContent[] = [];
  let sealedAt = 0;
  for (const journal of await deps.sources.journalsOfYear(job.schoolId, sheet.startYear)) {
    if (journal.groupId !== sheet.classId || journal.sealedVersion === null) continue;
    const content = foldJournal(
      await complete(deps.sources, journal.streamId, journal.sealedVersion),
    );
    journals.push(content);
    sealedAt = Math.max(sealedAt, Date.parse(content.sealedAt ?? '0'));
  }
  const summary = foldSummary({ schoolId: job.schoolId, ...sheet }, events, journals);
  const names = await deps.people.names(summary.pupilIds);
  return renderSummary(summary, names, place, new Date(sealedAt));
}

/** Versions 1..`upTo` of a stream, or not ready when one is still missing. */
async function complete(sources: DocumentSources, streamId: string, upTo: number) {
  const events: SourceEvent[] = await sources.stream(streamId, upTo);
  if (events.length !== upTo)
    throw new NotReadyError(`${streamId} has ${events.length} of ${upTo} events so far`);
  return events;
}
