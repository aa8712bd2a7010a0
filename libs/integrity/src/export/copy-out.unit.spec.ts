import { EventEmitter } from 'node:events';
import type { Connection } from 'pg';
import { CopyOut } from './copy-out';

/** A backend message: its code, its length (itself included) and its body. */
function message(code: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(code, 0, 'latin1');
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const payloads = [3, 0, 1, 250, 7, 64, 5].map((size, i) =>
  Buffer.from(Array.from({ length: size }, (_, j) => (i * 31 + j) % 256)),
);
const COPY_OUT_RESPONSE = message('H', Buffer.from([0, 0, 1, 0, 0]));
const NOTICE = message('N', Buffer.from('SNOTICE\0Mhello\0\0', 'latin1'));
const copyData = payloads.map((payload) => message('d', payload));
const AFTER = Buffer.concat([
  message('C', Buffer.from('COPY 7\0', 'latin1')),
  message('Z', Buffer.from('I', 'latin1')),
]);
const COMPLETE = Buffer.concat([
  COPY_OUT_RESPONSE,
  ...copyData.slice(0, 3),
  NOTICE,
  ...copyData.slice(3),
  message('c'),
  AFTER,
]);
const ERROR = Buffer.concat([
  message('E', Buffer.from('SERROR\0C22012\0Mdivision by zero\0\0', 'latin1')),
  message('Z', Buffer.from('I', 'latin1')),
]);
const FAILING = Buffer.concat([COPY_OUT_RESPONSE, ...copyData.slice(0, 2), ERROR]);

/**
 * The bytes of `stream` in `chunks` through a CopyOut on a connection whose socket is an
 * emitter (pg's listener collecting what it is handed back): what `data` got, what pg got.
 */
function replay(stream: Buffer, cuts: number[]) {
  const socket = Object.assign(new EventEmitter(), {
    pause: () => undefined,
    resume: () => undefined,
  });
  const toPg: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => toPg.push(Buffer.from(chunk)));
  const sent: string[] = [];
  const data: Buffer[] = [];
  const copy = new CopyOut('COPY t TO STDOUT', (chunk, from, to) =>
    data.push(Buffer.from(chunk.subarray(from, to))),
  );
  copy.submit({
    stream: socket,
    query: (text: string) => sent.push(text),
  } as unknown as Connection);
  const bounds = [0, ...cuts, stream.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    socket.emit('data', stream.subarray(bounds[i], bounds[i + 1]));
  }
  return { sent, data: Buffer.concat(data), toPg: Buffer.concat(toPg) };
}

/** Every way of cutting the stream in two, and the stream a byte at a time. */
function everyCut(length: number): number[][] {
  const cuts = Array.from({ length: length - 1 }, (_, i) => [i + 1]);
  return [...cuts, Array.from({ length: length - 1 }, (_, i) => i + 1)];
}

describe('CopyOut reading the protocol from socket chunks', () => {
  it('hands over each CopyData body and gives pg the bytes after CopyDone, however cut', () => {
    for (const cuts of everyCut(COMPLETE.length)) {
      const { sent, data, toPg } = replay(COMPLETE, cuts);
      expect(sent).toEqual(['COPY t TO STDOUT']);
      expect(data.equals(Buffer.concat(payloads))).toBe(true);
      expect(toPg.equals(AFTER)).toBe(true);
    }
  });

  it('gives pg an ErrorResponse from its first byte, however cut', () => {
    for (const cuts of everyCut(FAILING.length)) {
      const { data, toPg } = replay(FAILING, cuts);
      expect(data.equals(Buffer.concat(payloads.slice(0, 2)))).toBe(true);
      expect(toPg.equals(ERROR)).toBe(true);
    }
  });
});
