import type { Pool } from 'pg';

// Specs only.

/**
 * Every row of every `journal_facts` table, in a stable order. Rows of the facts tables carry
 * `xmin`, the transaction that last wrote them, so a replay that rewrote a row with the same
 * values shows too; `applied_versions` is compared by content (a duplicate locks its row).
 */
export async function dumpFacts(pool: Pool): Promise<Record<string, unknown[]>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'journal_facts' ORDER BY table_name`,
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const row =
      name === 'applied_versions'
        ? 'to_jsonb(t)'
        : `to_jsonb(t) || jsonb_build_object('xmin', t.xmin::text)`;
    const { rows } = await pool.query<{ rows: unknown[] }>(
      `SELECT coalesce(jsonb_agg(${row} ORDER BY to_jsonb(t)::text), '[]') AS rows
       FROM journal_facts.${name} t`,
    );
    dump[name] = rows[0]?.rows ?? [];
  }
  return dump;
}

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs` naming `what`. */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
