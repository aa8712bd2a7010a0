import { Agent, get } from 'node:http';

/**
 * GETs as the measured clients make them. The bench runs four clients in one process on a
 * machine of two cores; each client decoding and parsing its answer (a grid is ~160 KB of
 * JSON: ~2 ms of this process's CPU, more than the service spends answering it) would hold
 * up the other three clients' answers, and their latencies would include work no server
 * does. So an answer is read and parsed once before the measuring (`learn`), and a measured
 * read (`timed`) lasts from sending the request to the last byte of the answer received,
 * each chunk compared as it arrives with the answer learned: the whole answer, verified,
 * without being decoded, parsed or even gathered into one buffer again (Node's HTTP client
 * and a kept-alive connection per client: half the CPU of `fetch` reading it whole).
 */
export function timedReads(baseUrl: string) {
  const learned = new Map<string, Buffer>();
  const agent = new Agent({ keepAlive: true });
  const keyOf = (url: string, token: string) => `${token} ${url}`;
  const headers = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    /** Reads and parses the answer, and keeps its bytes for `timed` to compare against. */
    async learn(url: string, token: string) {
      const response = await fetch(`${baseUrl}${url}`, { headers: headers(token) });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.toString()}`);
      learned.set(keyOf(url, token), body);
      return JSON.parse(body.toString('utf8'));
    },
    /** The answer learned for a read (e.g. to hand to the thread that times it). */
    answerOf(url: string, token: string): Buffer | undefined {
      return learned.get(keyOf(url, token));
    },
    /** Takes an answer learned elsewhere (by another thread's client) as this read's. */
    know(url: string, token: string, body: Buffer): void {
      learned.set(keyOf(url, token), body);
    },
    /** Reads the answer to its last byte; rejects unless it is the one learned, byte for byte. */
    timed(url: string, token: string): Promise<void> {
      const expected = learned.get(keyOf(url, token));
      if (!expected) return Promise.reject(new Error(`${url}: not learned before the measuring`));
      return new Promise((resolve, reject) => {
        const request = get(`${baseUrl}${url}`, { agent, headers: headers(token) }, (response) => {
          let received = 0;
          let same = true;
          response.on('data', (chunk: Buffer) => {
            same &&= chunk.equals(expected.subarray(received, received + chunk.length));
            received += chunk.length;
          });
          response.on('error', reject);
          response.on('end', () => {
            if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode}`));
            else if (!same || received !== expected.length)
              reject(new Error(`${url}: not the answer learned`));
            else resolve();
          });
        });
        request.on('error', reject);
      });
    },
    /** Closes the kept-alive connections. */
    close: () => agent.destroy(),
  };
}
