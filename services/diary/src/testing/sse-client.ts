// Specs only: a live-stream client as a web app would write one.

export interface StreamEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** A real client: fetch, reading the body stream and parsing Server-Sent Events. */
export async function openStream(url: string, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: controller.signal,
  });
  const events: StreamEvent[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event: StreamEvent = {};
        for (const line of buffer.slice(0, end).split('\n')) {
          const colon = line.indexOf(':');
          const [field, value] = [line.slice(0, colon), line.slice(colon + 1).trimStart()];
          if (field === '') event.comment = value;
          else if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
        }
        events.push(event);
        buffer = buffer.slice(end + 2);
      }
    }
  })();
  return {
    response,
    events,
    notifications: () => events.filter((each) => each.event === 'notification'),
    close: () => controller.abort(),
  };
}
