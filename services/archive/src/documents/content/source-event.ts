/** An event of a `journal-*` or `summary-*` stream as the archive keeps it for its documents. */
export interface SourceEvent {
  streamId: string;
  streamVersion: number;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
}
