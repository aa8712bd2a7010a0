import type { Page } from 'playwright';
import { appMetrics, type PageGlobals } from './page-clock';

/**
 * A teacher's pace on the 30 × 170 grid: a digit, then the next once the previous entry shows
 * saved (the journal's 201 in its cell), down a column of 30 pupils and on to the previous
 * lesson, `keys` in all. Each figure is the app's: keydown → the saved cell painted.
 */
export async function keystrokesToSaved(page: Page, keys: number): Promise<number[]> {
  const before = (await appMetrics(page)).saves.length;
  await page.evaluate(() => {
    const box = (globalThis as unknown as PageGlobals).document.querySelector('.grid-scroll');
    box?.scrollTo(box.scrollWidth, 0);
  });
  for (let typed = 0; typed < keys; typed += 1) {
    const row = typed % 30;
    if (row === 0) {
      // Back to the top row (the grid renders the rows in view), then its cell a column left.
      const column = 169 - Math.floor(typed / 30);
      await page.evaluate(() => {
        const box = (globalThis as unknown as PageGlobals).document.querySelector('.grid-scroll');
        box?.scrollTo(box.scrollLeft, 0);
      });
      await page.locator(`[aria-rowindex="2"] [aria-colindex="${column + 2}"]`).click();
    }
    await page.keyboard.press(String((typed % 5) + 1));
    await page.waitForFunction(
      (n) => (globalThis as unknown as PageGlobals).ejournalMetrics.saves.length >= n,
      before + typed + 1,
      { timeout: 30_000 },
    );
  }
  await page.getByTestId('queue').filter({ hasText: 'Все записи сохранены' }).waitFor();
  const refused = await page.locator('[role="gridcell"].refused').count();
  if (refused > 0) throw new Error(`${refused} entries were refused`);
  return (await appMetrics(page)).saves.slice(before);
}
