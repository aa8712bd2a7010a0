/**
 * Polls `check` until it holds (facts through Kafka, a service catching up): true, or false
 * when `withinMs` passed first (said through `log`; the bench goes on and reports what it got).
 */
export async function waitUntil(
  what: string,
  withinMs: number,
  check: () => Promise<boolean>,
  log: (message: string) => void,
): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; !(await check());) {
    if (Date.now() > deadline) {
      log(`gave up waiting for ${what}`);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
}
