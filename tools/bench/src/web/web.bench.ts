import { availableParallelism, loadavg } from 'node:os';
// The web application's own end-to-end helpers, reused as they are: the platform (four
// services and the web server) and the school. A tool may drive an application's tests.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { launchChromium } from '../../../../apps/web/e2e/browser';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startPlatform } from '../../../../apps/web/e2e/web-platform';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  loginOf,
  passwordOf,
  recordYearOfLessons,
  setUpSchool,
} from '../../../../apps/web/e2e/web-school';
import { percentile, round } from '../measure';
import { commandFloor } from './command-floor';
import { firstScreens, signInToGrid } from './first-screen';
import { gridRenders, scrollSteps } from './grid-figures';
import { keystrokesToSaved } from './keystrokes';
import { markAt } from './page-clock';

const size = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);
const log = (message: string) => process.stderr.write(`[bench web] ${message}\n`);
const LIMITS = { firstScreenMs: 1000, gridMs: 200, keystrokeP99Ms: 300 };
const BOOTSTRAP = 'BNCH-WEBA-PP00';
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'v8.execute',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
];

const stats = (values: number[]) => ({
  n: values.length,
  p50: round(percentile(values, 50), 1),
  p99: round(percentile(values, 99), 1),
  max: round(Math.max(...values), 1),
});

/**
 * The web application as a teacher meets it, on loopback: identity, journal, diary and archive
 * built and started as processes with the web server in front (as `web:e2e` starts them), a
 * school of 30 pupils with a year's journal of 170 lessons, Debian's Chromium driven by
 * Playwright, and every figure taken on the browser's own clock (Navigation Timing, paint
 * timing and the app's User Timing marks): the first screen, sign-in to the grid, the 30 × 170
 * grid rendered and scrolled, and keystroke → saved cell; beside them the same entry command
 * sent from Node straight to the journal and through the proxy (the floor under a keystroke).
 */
export async function benchWeb() {
  const begun = performance.now();
  const loadBefore = loadavg().map((n) => round(n, 2));
  const loads = size('BENCH_WEB_LOADS', 10);
  const keys = size('BENCH_WEB_KEYS', 210);
  log('starting identity, journal, diary, archive and the web server');
  const platform = await startPlatform('web bench', BOOTSTRAP);
  const browser = await launchChromium().catch(async (error: unknown) => {
    await platform.stop();
    throw error;
  });
  try {
    log('a school of 30 pupils and a year of 170 lessons');
    const school = await setUpSchool(platform, BOOTSTRAP);
    const journalId = school.journals.physics;
    await recordYearOfLessons(platform, school, journalId);
    const base = platform.urls.web;

    log(`first screen: ${loads} cold loads and ${loads} reloads`);
    const screens = await firstScreens(browser, base, loads);
    const credentials = { login: loginOf('S-1'), password: passwordOf('S-1') };
    log('sign-in to the 30 × 170 grid');
    const signIns = await signInToGrid(browser, `${base}/#/journal/${journalId}`, credentials, 5);

    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      timezoneId: 'UTC',
      locale: 'ru-RU',
    });
    const page = await context.newPage();
    await page.goto(base);
    await markAt(page, 'first-screen');
    await page.getByLabel('Логин').fill(credentials.login);
    await page.getByLabel('Пароль').fill(credentials.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    // BENCH_WEB_TRACE=<file>: a Chromium trace with the page's CPU profile of what follows
    // (open it in Chrome's Performance panel); the tracing slows the figures it covers.
    const trace = process.env['BENCH_WEB_TRACE'];
    if (trace) await browser.startTracing(page, { path: trace, categories: TRACE_CATEGORIES });
    log('the grid opened and scrolled');
    const renders = await gridRenders(page, base, journalId, 5);
    const scrolls = await scrollSteps(page);
    log(`${keys} keystrokes at a teacher's pace`);
    const saves = await keystrokesToSaved(page, keys);
    if (trace) await browser.stopTracing();
    await context.close();

    const grid = expectGrid(
      await platform.journal('GET', `/journals/${journalId}/grid`, {
        token: school.tokens.teacher,
      }),
    );
    log('the same command from Node: straight to the journal and through the proxy');
    const floor = await commandFloor(
      { journal: platform.urls.journal, web: base },
      school.tokens.teacher,
      { journalId, lessonId: grid.lessonId, pupilIds: grid.pupilIds },
      100,
    );

    const cold = stats(screens.cold.map((s) => s.interactiveMs));
    const toGrid = stats(signIns.map((s) => s.totalMs));
    const laidOut = stats(renders.map((r) => r.ms));
    const painted = stats(renders.map((r) => r.paintedMs));
    const scrolled = stats(scrolls.across);
    const scrolledDown = stats(scrolls.down);
    const keystroke = stats(saves);
    return {
      firstScreen: {
        of: 'navigation start → sign-in form painted and usable (fresh context: empty cache)',
        coldMs: cold,
        coldFirstContentfulPaintMs: stats(screens.cold.map((s) => s.firstContentfulPaintMs)),
        coldDocumentAnsweredMs: stats(screens.cold.map((s) => s.documentAnsweredMs)),
        coldTransferredBytes: screens.cold[0]?.transferredBytes ?? null,
        reloadMs: stats(screens.warm.map((s) => s.interactiveMs)),
      },
      signInToGrid: {
        of: 'sign-in submitted on a link to the journal → its 30 × 170 grid painted',
        totalMs: toGrid,
        identitySignInMs: stats(signIns.map((s) => s.signInMs)),
      },
      grid30x170: {
        of:
          'the grid’s answer → rendered and laid out / painted; a screen’s scroll (across, ' +
          'then down) → the cells at the corners of the view rendered and painted',
        laidOutMs: laidOut,
        paintedMs: painted,
        scrollStepMs: scrolled,
        scrollDownStepMs: scrolledDown,
      },
      keystrokeToSaved: {
        of: 'keydown → the journal’s 201 shown in the cell and painted (teacher’s pace)',
        ms: keystroke,
        commandFromNodeDirectMs: stats(floor.direct),
        commandFromNodeViaProxyMs: stats(floor.proxied),
      },
      limits: LIMITS,
      met: {
        firstScreen: cold.p50 < LIMITS.firstScreenMs && cold.max < LIMITS.firstScreenMs,
        signInToGrid: toGrid.max < LIMITS.firstScreenMs,
        grid:
          painted.max < LIMITS.gridMs &&
          scrolled.p99 < LIMITS.gridMs &&
          scrolledDown.p99 < LIMITS.gridMs,
        keystroke: keystroke.n >= 200 && keystroke.p99 < LIMITS.keystrokeP99Ms,
      },
      browser: `Chromium ${browser.version()}`,
      machine: {
        cores: availableParallelism(),
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg().map((n) => round(n, 2)),
      },
      benchSeconds: round((performance.now() - begun) / 1000, 0),
    };
  } finally {
    await browser.close().catch((error: unknown) => log(String(error)));
    await platform.stop();
  }
}

function expectGrid(answer: { status: number; body: GridBody }) {
  const lessonId = answer.body?.lessons?.[0]?.lessonId;
  if (answer.status !== 200 || !lessonId) throw new Error(`grid read: ${answer.status}`);
  return { lessonId, pupilIds: answer.body.pupils.map((p) => p.pupilId) };
}

interface GridBody {
  lessons: { lessonId: string }[];
  pupils: { pupilId: string }[];
}
