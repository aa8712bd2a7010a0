/** ~80 year grids of a 30-pupil class, serialized. */
const MAX_BYTES = 64 * 1024 * 1024;

export interface GridAnswer {
  /** The grid as UTF-8 JSON, sent as it is (no encoding of a large string per request). */
  body: Buffer;
  /** Names exactly this answer: journal version, facts revision and the options. */
  etag: string;
}

/**
 * Grids already serialized, each under what it was built from: the journal header's version
 * (every event up to it is in the read models), the identity facts' revision (pupils, periods,
 * policies) and the read's options. A key names one answer on every replica, so a hit is
 * exactly what building it again would give; a change of either moves the key on. Least
 * recently used answers go first past MAX_BYTES.
 */
export class GridAnswers {
  private readonly answers = new Map<string, GridAnswer>();
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  static keyOf(parts: {
    journalId: string;
    version: number;
    factsRevision: number;
    period: number | null;
    includeVoided: boolean;
  }): string {
    const { journalId, version, factsRevision, period, includeVoided } = parts;
    return `${journalId}|${version}|${factsRevision}|${period ?? 'year'}|${includeVoided}`;
  }

  /** The strong ETag naming the answer kept under a key. */
  static etagOf(key: string): string {
    return `"${Buffer.from(key).toString('base64url')}"`;
  }

  get(key: string): GridAnswer | null {
    const answer = this.answers.get(key);
    if (!answer) return null;
    this.answers.delete(key);
    this.answers.set(key, answer);
    return answer;
  }

  /** Keeps an answer (JSON text, or its UTF-8 bytes) under its key, which its ETag names. */
  keep(key: string, content: string | Buffer): GridAnswer {
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    const answer = { body, etag: GridAnswers.etagOf(key) };
    this.drop(key);
    if (answer.body.length > this.maxBytes) return answer;
    this.answers.set(key, answer);
    this.bytes += answer.body.length;
    for (const [oldest] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
    return answer;
  }

  private drop(key: string): void {
    const answer = this.answers.get(key);
    if (!answer) return;
    this.answers.delete(key);
    this.bytes -= answer.body.length;
  }
}
