import { NoteFormatError, parseSignatureLines, type NoteSignature } from '../notes/signed-note';

/** What a C2SP tlog-witness answered to `POST /add-checkpoint`. */
export type WitnessAnswer =
  /** 200: its cosignature lines. */
  | { kind: 'cosigned'; signatures: NoteSignature[] }
  /** 409: the size of the log it knows is not the one asserted; the body says which. */
  | { kind: 'conflict'; knownSize: number }
  /** Any other 4xx: it refuses this checkpoint (403 unknown log or key, 422 bad proof, ...). */
  | { kind: 'refused'; status: number; detail: string }
  /** Not reachable, 5xx, or an answer that is not the protocol's: try again later. */
  | { kind: 'unavailable'; detail: string };

export interface WitnessEndpoint {
  /** The witness's base URL; `add-checkpoint` is resolved against it. */
  url: string;
}

/**
 * One `add-checkpoint` request (c2sp.org/tlog-witness): `old <size>`, the consistency proof
 * from that size as base64 lines, a blank line, then the signed note.
 */
export async function addCheckpoint(
  witness: WitnessEndpoint,
  oldSize: number,
  proof: Buffer[],
  note: string,
  timeoutMs = 10_000,
): Promise<WitnessAnswer> {
  const body = `old ${oldSize}\n${proof.map((hash) => `${hash.toString('base64')}\n`).join('')}\n${note}`;
  const url = new URL(
    'add-checkpoint',
    witness.url.endsWith('/') ? witness.url : `${witness.url}/`,
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: 'unavailable', detail: `${url.href}: ${(error as Error).message}` };
  }
  const text = await response.text().catch(() => '');
  if (response.status === 200) {
    try {
      return { kind: 'cosigned', signatures: parseSignatureLines(text) };
    } catch (error) {
      if (!(error instanceof NoteFormatError)) throw error;
      return { kind: 'unavailable', detail: `${url.href} answered no signature lines` };
    }
  }
  if (response.status === 409) {
    const size = text.trim();
    return /^\d{1,16}$/.test(size) && Number.isSafeInteger(Number(size))
      ? { kind: 'conflict', knownSize: Number(size) }
      : { kind: 'unavailable', detail: `${url.href} answered 409 without a size` };
  }
  if (response.status >= 400 && response.status < 500) {
    return { kind: 'refused', status: response.status, detail: text.trim().slice(0, 500) };
  }
  return { kind: 'unavailable', detail: `${url.href} answered ${response.status}` };
}
