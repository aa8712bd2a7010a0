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
 * Scrolls the grid right one screen at a time to its last column, and back: each step from the
 * scroll to the columns now in view rendered and the next frame painted (page clock).
 */
export async function scrollSteps(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const browser = globalThis as unknown as PageGlobals;
    const box = browser.document.querySelector('.grid-scroll');
    if (!box) throw new Error('no grid on the page');
    const frame = () => new Promise<void>((resolve) => browser.requestAnimationFrame(resolve));
    const painted = () =>
      new Promise<void>((resolve) =>
        browser.requestAnimationFrame(() => browser.setTimeout(resolve, 0)),
      );
    const CELL = 48;
    const PUPIL = 200;
    const step = box.clientWidth - PUPIL;
    const targets: number[] = [];
    for (let x = step; x < box.scrollWidth; x += step) targets.push(x);
    targets.push(...[...targets].reverse().slice(1), 0);
    const times: number[] = [];
    for (const x of targets) {
      const t0 = browser.performance.now();
      box.scrollTo(x, 0);
      const left = box.scrollLeft;
      const wanted = Math.min(169, Math.floor((left + box.clientWidth - PUPIL - 1) / CELL));
      const first = Math.floor(left / CELL);
      const selector = `tbody tr td[data-column="${wanted}"]`;
      const firstSelector = `tbody tr td[data-column="${first}"]`;
      while (
        !browser.document.querySelector(selector) ||
        !browser.document.querySelector(firstSelector)
      )
        await frame();
      await painted();
      times.push(browser.performance.now() - t0);
    }
    return times;
  });
}
