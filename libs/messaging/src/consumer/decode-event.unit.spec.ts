import { journalRegistry } from '@ejournal/contracts';
import type { InboundMessage } from '../port/message-bus.port';
import { recordedMark } from '../testing/sample-events';
import { decodeEvent } from './decode-event';

const inbound = (value: string | null): InboundMessage => ({
  topic: 't',
  partition: 0,
  offset: '0',
  key: 'journal-1',
  value: value === null ? null : Buffer.from(value),
  headers: {},
});

describe('decodeEvent', () => {
  it('reads the recorded event and upcasts it when asked', () => {
    const v1 = {
      ...recordedMark('journal-1', 1),
      schemaVersion: 1,
      data: { markId: 'm', lessonId: 'l', pupilId: 'p', value: '5' },
    };
    expect(decodeEvent(inbound(JSON.stringify(v1)))).toEqual(v1);
    const upcast = decodeEvent(inbound(JSON.stringify(v1)), (event) =>
      journalRegistry.upcast(event),
    );
    expect(upcast).toMatchObject({ schemaVersion: 2, data: { workType: 'classwork', weight: 1 } });
  });

  it.each([
    ['an empty value', null],
    ['text that is not JSON', 'not an event'],
    ['JSON without an envelope', '{"hello":"world"}'],
    ['JSON null', 'null'],
  ])('refuses %s with a stable code', (_name, value) => {
    expect(() => decodeEvent(inbound(value))).toThrow(
      expect.objectContaining({ code: 'MESSAGING.UNDECODABLE_MESSAGE' }),
    );
  });
});
