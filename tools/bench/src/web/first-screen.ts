import type { Browser } from 'playwright';
import { markAt, markCount, nextMark, type PageGlobals } from './page-clock';

const CONTEXT = { viewport: { width: 1280, height: 860 }, timezoneId: 'UTC', locale: 'ru-RU' };

export interface LoadTiming {
  /** Navigation start → the sign-in form painted, its handlers attached (the app's mark). */
  interactiveMs: number;
  firstContentfulPaintMs: number;
  documentAnsweredMs: number;
  /** Bytes over the wire for the document and its assets (compressed, headers aside). */
  transferredBytes: number;
}

/**
 * The sign-in page in a fresh browser context (empty cache, new connections), `count` times,
 * then reloaded `count` times in one context (cached assets): all on the page's own clock.
 */
export async function firstScreens(browser: Browser, baseUrl: string, count: number) {
  const cold: LoadTiming[] = [];
  for (let i = 0; i < count; i += 1) {
    const context = await browser.newContext(CONTEXT);
    const page = await context.newPage();
    await page.goto(baseUrl, { waitUntil: 'commit' });
    cold.push(await loadTiming(page, await markAt(page, 'first-screen')));
    await context.close();
  }
  const warm: LoadTiming[] = [];
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  await page.goto(baseUrl);
  await markAt(page, 'first-screen');
  for (let i = 0; i < count; i += 1) {
    await page.reload({ waitUntil: 'commit' });
    warm.push(await loadTiming(page, await markAt(page, 'first-screen')));
  }
  await context.close();
  return { cold, warm };
}

async function loadTiming(page: Parameters<typeof markAt>[0], interactiveMs: number) {
  const entries = await page.evaluate(() => {
    const clock = (globalThis as unknown as PageGlobals).performance;
    const navigation = clock.getEntriesByType('navigation')[0] ?? {};
    const resources = clock.getEntriesByType('resource');
    const paint = clock.getEntriesByName('first-contentful-paint')[0];
    return {
      responseEnd: Number(navigation['responseEnd']),
      fcp: paint?.startTime ?? Number.NaN,
      bytes: [navigation, ...resources].reduce(
        (sum, entry) => sum + Number(entry['transferSize'] ?? 0),
        0,
      ),
    };
  });
  return {
    interactiveMs,
    firstContentfulPaintMs: entries.fcp,
    documentAnsweredMs: entries.responseEnd,
    transferredBytes: entries.bytes,
  };
}

/**
 * A teacher opens a link to her journal, signs in and sees its grid: from the form's submit
 * (the app's mark) to the grid painted, in a fresh context each time; `signInMs` is the part
 * spent until identity answered the sign-in.
 */
export async function signInToGrid(
  browser: Browser,
  gridUrl: string,
  credentials: { login: string; password: string },
  count: number,
) {
  const runs: { totalMs: number; signInMs: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const context = await browser.newContext(CONTEXT);
    const page = await context.newPage();
    await page.goto(gridUrl);
    await markAt(page, 'first-screen');
    await page.getByLabel('Логин').fill(credentials.login);
    await page.getByLabel('Пароль').fill(credentials.password);
    const before = await markCount(page, 'grid-painted');
    await page.getByRole('button', { name: 'Войти' }).click();
    const painted = await nextMark(page, 'grid-painted', before);
    const submitted = await markAt(page, 'sign-in-submitted');
    const signedIn = await markAt(page, 'signed-in');
    runs.push({ totalMs: painted - submitted, signInMs: signedIn - submitted });
    await context.close();
  }
  return runs;
}
