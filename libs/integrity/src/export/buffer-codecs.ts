/**
 * Node's own encoders behind `Buffer#toString` and `Buffer#write`, called without those
 * methods' argument handling (callers pass bounds they checked): once per event line, that
 * handling costs as much as the encoding. They are not in Node's typings, hence the fallbacks.
 */
interface NodeBufferCodecs {
  base64Slice?: (this: Buffer, start: number, end: number) => string;
  latin1Slice?: (this: Buffer, start: number, end: number) => string;
  latin1Write?: (this: Buffer, text: string, offset: number) => number;
  base64Write?: (this: Buffer, text: string, offset: number) => number;
}

const codecs = Buffer.prototype as unknown as NodeBufferCodecs;
const { base64Slice, latin1Slice, latin1Write, base64Write } = codecs;

/** `source.toString('base64', from, to)`. */
export const toBase64: (source: Buffer, from: number, to: number) => string = base64Slice
  ? (source, from, to) => base64Slice.call(source, from, to)
  : (source, from, to) => source.toString('base64', from, to);

/** `source.toString('latin1', from, to)`. */
export const toLatin1: (source: Buffer, from: number, to: number) => string = latin1Slice
  ? (source, from, to) => latin1Slice.call(source, from, to)
  : (source, from, to) => source.toString('latin1', from, to);

/** `out.write(text, at, 'latin1')`: how many bytes were written. */
export const writeLatin1: (out: Buffer, text: string, at: number) => number = latin1Write
  ? (out, text, at) => latin1Write.call(out, text, at)
  : (out, text, at) => out.write(text, at, 'latin1');

/** `out.write(text, at, 'base64')` (Node's lenient decoder): how many bytes were written. */
export const writeBase64: (out: Buffer, text: string, at: number) => number = base64Write
  ? (out, text, at) => base64Write.call(out, text, at)
  : (out, text, at) => out.write(text, at, 'base64');
