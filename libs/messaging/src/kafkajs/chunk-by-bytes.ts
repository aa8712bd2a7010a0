import type { OutboundMessage } from '../port/message-bus.port';

// Record overhead on the wire (lengths, offsets, attributes) besides key, value and headers.
const RECORD_OVERHEAD = 32;

export function approximateSize(message: OutboundMessage): number {
  let size = RECORD_OVERHEAD + Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers)) {
    size += name.length + Buffer.byteLength(value) + 4;
  }
  return size;
}

/** Consecutive runs of messages of at most `maxBytes` each (a larger message alone). */
export function chunkByBytes(messages: OutboundMessage[], maxBytes: number): OutboundMessage[][] {
  const chunks: OutboundMessage[][] = [];
  let chunk: OutboundMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = approximateSize(message);
    if (chunk.length > 0 && bytes + size > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
