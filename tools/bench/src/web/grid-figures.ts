import type { Page } from 'playwright';
import { appMetrics, type PageGlobals } from './page-clock';

/**
 * The 30 × 170 grid opened `count` times (from the journals list and back, as a teacher does):
 * from the grid's answer to rendered and laid out, and to painted, as the app measures them.
 */
export async function gridRenders(page: Page, baseUrl: string, journalId: string, count: number) {
  const before = (await appMetrics(page)).gridRenders.length;
  for (let i = 0; i < count; i += 1) {
    await page.goto(`${baseUrl}/#/journals`);
    await page.getByRole('heading', { name: 'Мои журналы' }).waitFor();
    await page.goto(`${baseUrl}/#/journal/${journalId}`);
    await page.waitForFunction(
      (n) => (globalThis as unknown as PageGlobals).ejournalMetrics.gridRenders.length > n,
      before + i,
    );
  }
  return (await appMetrics(page)).gridRenders
    .slice(before)
    .filter((render) => render.lessons === 170 && render.pupils === 30);
}

/**
 * Scrolls the grid a screen at a time and times each step on the page's clock, from the
 * `scrollTo` to the cells at the four corners of the view present in the page and the next
 * frame painted: `across`, right to the last column and back along the top rows; `down`, to
 * the last row and back at the first, middle and last columns. The grid renders only the rows
 * and columns in view (and a margin), so every step renders cells.
 */
export async function scrollSteps(page: Page): Promise<{ across: number[]; down: number[] }> {
  return page.evaluate(async () => {
    const browser = globalThis as unknown as PageGlobals;
    const box = browser.document.querySelector('.grid-scroll');
    const grid = browser.document.querySelector('[role="grid"]');
    if (!box || !grid) throw new Error('no grid on the page');
    const frame = () => new Promise<void>((resolve) => browser.requestAnimationFrame(resolve));
    const painted = () =>
      new Promise<void>((resolve) =>
        browser.requestAnimationFrame(() => browser.setTimeout(resolve, 0)),
      );
    const CELL = 48;
    const PUPIL = 200;
    const HEAD = 44;
    const COLUMNS = 170;
    const ROWS = 30;
    const ROW = Number.parseFloat(grid.style.getPropertyValue('--row-height'));
    const cellAt = (row: number, column: number) =>
      browser.document.querySelector(
        `[aria-rowindex="${row + 2}"] [aria-colindex="${column + 2}"]`,
      );
    const step = async (x: number, y: number) => {
      const t0 = browser.performance.now();
      box.scrollTo(x, y);
      const left = box.scrollLeft;
      const top = box.scrollTop;
      const columns = [
        Math.floor(left / CELL),
        Math.min(COLUMNS - 1, Math.floor((left + box.clientWidth - PUPIL - 1) / CELL)),
      ];
      const rows = [
        Math.floor(top / ROW),
        Math.min(ROWS - 1, Math.floor((top + box.clientHeight - HEAD - 1) / ROW)),
      ];
      const corners = rows.flatMap((row) => columns.map((column) => [row, column] as const));
      while (corners.some(([row, column]) => !cellAt(row, column))) await frame();
      await painted();
      return browser.performance.now() - t0;
    };
    const sweep = (screen: number, length: number) => {
      const there: number[] = [];
      for (let at = screen; at < length; at += screen) there.push(at);
      return [...there, ...[...there].reverse().slice(1), 0];
    };
    const across: number[] = [];
    for (const x of sweep(box.clientWidth - PUPIL, box.scrollWidth)) across.push(await step(x, 0));
    const down: number[] = [];
    const width = box.scrollWidth - box.clientWidth;
    for (const x of [0, Math.round(width / 2), width]) {
      await step(x, 0);
      for (const y of sweep(box.clientHeight - HEAD, box.scrollHeight)) down.push(await step(x, y));
    }
    return { across, down };
  });
}
