import type { Page } from 'playwright';

/** What the bench reads of the page: the app's figures and the browser's timing entries. */
export interface PageGlobals {
  ejournalMetrics: {
    gridRenders: { lessons: number; pupils: number; ms: number; paintedMs: number }[];
    saves: number[];
    firstScreenMs: number | null;
  };
  performance: {
    now(): number;
    getEntriesByName(name: string): { startTime: number }[];
    getEntriesByType(type: string): Record<string, number | string>[];
  };
  document: {
    querySelector(selector: string): PageElement | null;
  };
  requestAnimationFrame(callback: () => void): void;
  setTimeout(callback: () => void, ms: number): void;
}

export interface PageElement {
  scrollLeft: number;
  scrollTop: number;
  scrollWidth: number;
  scrollHeight: number;
  clientWidth: number;
  clientHeight: number;
  style: { getPropertyValue(name: string): string };
  scrollTo(x: number, y: number): void;
}

/** The app's User Timing mark `ejournal:<name>` (its last one), on the page's clock. */
export async function markAt(page: Page, name: string): Promise<number> {
  await page.waitForFunction(
    (mark) => (globalThis as unknown as PageGlobals).performance.getEntriesByName(mark).length > 0,
    `ejournal:${name}`,
    { timeout: 30_000 },
  );
  return page.evaluate(
    (mark) =>
      (globalThis as unknown as PageGlobals).performance.getEntriesByName(mark).at(-1)?.startTime ??
      Number.NaN,
    `ejournal:${name}`,
  );
}

export const appMetrics = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).ejournalMetrics);

/** Waits for `ejournal:<name>` to be marked again (its count grows past `before`). */
export async function nextMark(page: Page, name: string, before: number): Promise<number> {
  await page.waitForFunction(
    ([mark, count]) =>
      (globalThis as unknown as PageGlobals).performance.getEntriesByName(mark as string).length >
      (count as number),
    [`ejournal:${name}`, before] as const,
    { timeout: 30_000 },
  );
  return markAt(page, name);
}

export const markCount = (page: Page, name: string) =>
  page.evaluate(
    (mark) => (globalThis as unknown as PageGlobals).performance.getEntriesByName(mark).length,
    `ejournal:${name}`,
  );
