import { lessonHeld } from '../contract/test-events';
import { prepareRows } from './prepare-rows';
import { checkpointOf, toRecordedEvent } from './stored-event';

describe('toRecordedEvent', () => {
  it('decodes the stored bytes and columns back into the event that was appended', () => {
    const event = lessonHeld();
    const [row] = prepareRows('journal-42', 0, [event], '2027-05-20T10:00:00.000Z').rows;
    const stored = {
      position: '9007199254740993',
      tx_id: '812',
      canonical_json: row!.canonical.toString('utf8'),
      traceparent: event.traceparent,
      prev_hash: null,
      hash: 'ab'.repeat(32),
    };
    expect(toRecordedEvent(stored)).toEqual({
      ...event,
      streamId: 'journal-42',
      streamVersion: 1,
      recordedAt: '2027-05-20T10:00:00.000Z',
      globalPosition: '9007199254740993',
      prevHash: null,
      hash: 'ab'.repeat(32),
    });
    expect(checkpointOf(stored)).toEqual({ txId: '812', position: '9007199254740993' });
  });
});
