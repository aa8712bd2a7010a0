import { randomUUID } from 'node:crypto';

/**
 * The floor under keystroke → saved: the same one-mark entry command sent from Node, one at a
 * time, straight to the journal and through the web server's proxy (no browser, no IndexedDB).
 */
export async function commandFloor(
  urls: { journal: string; web: string },
  token: string,
  entry: { journalId: string; lessonId: string; pupilIds: string[] },
  count: number,
) {
  const send = async (base: string, i: number) => {
    const pupilId = entry.pupilIds[i % entry.pupilIds.length] ?? '';
    const t0 = performance.now();
    const answer = await fetch(
      `${base}/journals/${entry.journalId}/lessons/${entry.lessonId}/entries`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          entries: [
            {
              pupilId,
              marks: [{ markId: randomUUID(), value: String((i % 5) + 1), workType: 'classwork' }],
            },
          ],
        }),
      },
    );
    const body = await answer.text();
    if (answer.status !== 201) throw new Error(`entry refused: ${answer.status} ${body}`);
    return performance.now() - t0;
  };
  const direct: number[] = [];
  const proxied: number[] = [];
  for (let i = 0; i < count; i += 1) {
    direct.push(await send(urls.journal, 2 * i));
    proxied.push(await send(`${urls.web}/api/journal`, 2 * i + 1));
  }
  return { direct, proxied };
}
