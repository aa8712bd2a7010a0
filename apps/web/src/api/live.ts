import { refresh, storedTokens } from './session';

export interface LiveNotification {
  notificationId: string;
  kind: string;
  pupilId: string;
  [field: string]: unknown;
}

/** One Server-Sent Events message: its fields as the stream sent them. */
export interface StreamMessage {
  id?: string;
  event?: string;
  data?: string;
}

/** Splits a stream's text into complete messages; what is left waits for more text. */
export function parseEvents(buffer: string): { messages: StreamMessage[]; rest: string } {
  const messages: StreamMessage[] = [];
  let rest = buffer.replace(/\r\n/g, '\n');
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const message: StreamMessage = {};
    for (const line of rest.slice(0, end).split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id' || field === 'event') message[field] = value;
      else if (field === 'data')
        message.data = message.data === undefined ? value : `${message.data}\n${value}`;
    }
    if (message.data !== undefined || message.event) messages.push(message);
    rest = rest.slice(end + 2);
  }
  return { messages, rest };
}

/**
 * The diary's live stream of the caller's notifications. EventSource cannot send a bearer
 * token, so this reads the stream with fetch; it reconnects with `Last-Event-ID` (nothing is
 * missed) and rotates the session when the token expired.
 */
export function followNotifications(
  onNotification: (notification: LiveNotification) => void,
  onState: (connected: boolean) => void,
): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  const connect = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const tokens = storedTokens();
        const response = await fetch('/api/diary/me/notifications/stream', {
          headers: {
            authorization: `Bearer ${tokens?.accessToken ?? ''}`,
            accept: 'text/event-stream',
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
          signal: controller.signal,
        });
        if (response.status === 401) {
          await refresh();
          continue;
        }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        onState(true);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseEvents(buffer + value);
          buffer = parsed.rest;
          for (const message of parsed.messages) {
            if (message.id) lastEventId = message.id;
            if (message.event === 'notification' && message.data)
              onNotification(JSON.parse(message.data) as LiveNotification);
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      onState(false);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };
  void connect();
  return () => controller.abort();
}
