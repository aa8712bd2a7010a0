/** What the load needs of a notification: its source event and pupil. */
export interface StreamedNotification {
  notificationId: string;
  pupilId: string;
  source: { eventId: string };
}

/**
 * A parent's browser on `GET /me/notifications/stream` (Server-Sent Events), read with fetch
 * as a web app would: every `notification` event is handed to `seen` with when it arrived.
 */
export async function openLiveStream(
  url: string,
  token: string,
  seen: (notification: StreamedNotification, at: number) => void,
) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`stream: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        if (!lines.includes('event: notification')) continue;
        const data = lines.find((line) => line.startsWith('data: '));
        if (data) seen(JSON.parse(data.slice('data: '.length)), performance.now());
      }
    }
  })();
  return { close: () => controller.abort() };
}
