import { eventually, expectStatus, rosterFile, type Answer } from '@ejournal/testing';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium, percentile, screenshot, seriousViolations } from './browser';
import { startPlatform } from './web-platform';
import { loginOf, passwordOf, PUPILS, recordYearOfLessons, setUpSchool } from './web-school';

const BOOTSTRAP = 'E2E0-WEBA-PP00';

type Platform = Awaited<ReturnType<typeof startPlatform>>;
type School = Awaited<ReturnType<typeof setUpSchool>>;
type Metrics = {
  gridRenders: { lessons: number; pupils: number; ms: number; paintedMs: number }[];
  saves: number[];
  firstScreenMs: number;
};

/**
 * The web application in Debian's Chromium against the real services: a teacher's keyboard
 * and offline queue, a parent's live diary, an auditor's history and "as of" view, axe-core on
 * every screen, screenshots for the README, and the figures of issue 17.
 */
describe('web application in a real browser', () => {
  const figures: Record<string, unknown> = {};
  let platform: Platform;
  let school: School;
  let browser: Browser;
  let teacher: { context: BrowserContext; page: Page };

  const open = async (key: string) => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      timezoneId: 'UTC',
      locale: 'ru-RU',
    });
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(platform.web.baseUrl);
    await page.getByLabel('Логин').waitFor();
    figures['firstScreenInteractiveMs'] ??= Date.now() - started;
    // The same, as the page measured it: from navigation start to the sign-in form painted.
    figures['firstScreenPaintedInPageMs'] ??= Math.round((await metrics(page)).firstScreenMs);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Логин').fill(loginOf(key));
    await page.getByLabel('Пароль').fill(passwordOf(key));
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    return { context, page };
  };
  /** The teacher's token, fresh: the school's is 10 minutes old at most, a slow run outlives it. */
  const teacherToken = async () =>
    expectStatus(
      await platform.identity('POST', '/auth/sign-in', {
        json: { login: loginOf('S-1'), password: passwordOf('S-1') },
      }),
      200,
    ).access_token as string;
  const metrics = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { ejournalMetrics: Metrics }).ejournalMetrics);
  /** A cell of the grid by its row and lesson column (the grid renders those in view). */
  const cell = (page: Page, row: number, column: number) =>
    page.locator(`[role="grid"] [aria-rowindex="${row + 2}"] [aria-colindex="${column + 2}"]`);
  /** The grid scrolled back to its first row (where it is sideways). */
  const toFirstRow = (page: Page) =>
    page.evaluate(() => {
      const box = (globalThis as unknown as BrowserGlobals).document.querySelector('.grid-scroll');
      box?.scrollTo(box.scrollLeft, 0);
    });
  /** Nothing waits in the outbox and every cell shows what the journal answered. */
  const allSaved = async (page: Page) => {
    // Thirty entries are sent one after another: on a loaded machine that takes a while.
    await page
      .locator('[role="grid"] .draft')
      .first()
      .waitFor({ state: 'detached', timeout: 90_000 });
    await page.getByTestId('queue').filter({ hasText: 'Все записи сохранены' }).waitFor();
  };
  /**
   * The pupils in the grid's row order (by name), as ids: the grid renders the rows in view,
   * so it is scrolled down half a screen at a time until every row was seen, then back.
   */
  const rowPupils = async (page: Page) => {
    const names = await page.evaluate(async () => {
      const browser = globalThis as unknown as BrowserGlobals;
      const box = browser.document.querySelector('.grid-scroll');
      const grid = browser.document.querySelector('[role="grid"]');
      if (!box || !grid) throw new Error('no grid on the page');
      const count = Number(grid.getAttribute('aria-rowcount')) - 1;
      const rowHeight = Number.parseFloat(grid.style.getPropertyValue('--row-height'));
      const seen: string[] = [];
      const look = () => {
        for (const header of browser.document.querySelectorAll('[role="rowheader"]')) {
          const index = Number(header.parentElement?.getAttribute('aria-rowindex')) - 2;
          seen[index] = header.textContent ?? '';
        }
      };
      for (let top = 0; ; top += box.clientHeight / 2) {
        box.scrollTo(0, top);
        // Until the rows now at the top and the bottom of the view (under the 44 px header)
        // are rendered: at once, or after the scroll event.
        const bottom = box.scrollTop + box.clientHeight - 45;
        const ends = [box.scrollTop, bottom].map((y) =>
          Math.min(count - 1, Math.floor(y / rowHeight)),
        );
        while (ends.some((row) => !grid.querySelector(`[aria-rowindex="${row + 2}"]`)))
          await new Promise<void>((resolve) => browser.requestAnimationFrame(() => resolve()));
        look();
        if (box.scrollTop + box.clientHeight >= box.scrollHeight) break;
      }
      box.scrollTo(0, 0);
      return Array.from({ length: count }, (_, i) => seen[i] ?? '');
    });
    return names.map((name) =>
      school.person(PUPILS.find((p) => p.name === name.trim())?.key ?? ''),
    );
  };

  beforeAll(async () => {
    platform = await startPlatform('web e2e', BOOTSTRAP);
    school = await setUpSchool(platform, BOOTSTRAP);
    const teacherCall = (json: unknown) =>
      platform.journal('POST', `/journals/${school.journals.math}/lessons`, {
        token: school.tokens.teacher,
        json,
      });
    for (const [slot, topic] of [
      [1, 'Обыкновенные дроби'],
      [2, 'Сложение дробей'],
    ] as const)
      expectStatus(
        await teacherCall({ date: school.year.daysAgo(1), slot, topic, homework: null }),
        201,
      );
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    console.log(`web e2e figures ${JSON.stringify(figures)}`);
  });

  it('a teacher enters a column with the keyboard, goes offline, enters more, and every mark is stored once', async () => {
    teacher = await open('S-1');
    const { page, context } = teacher;
    await page.getByRole('heading', { name: 'Мои журналы' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /Математика/ }).click();
    await page.getByRole('grid').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const pupils = await rowPupils(page);
    expect(pupils).toHaveLength(30);

    const first = pupils.map((_, i) => String((i % 5) + 1));
    await toFirstRow(page);
    await cell(page, 0, 0).click();
    for (const value of first) await page.keyboard.press(value);
    await allSaved(page);
    // The focus followed the entries down to the last row: back up to the first.
    await toFirstRow(page);
    await cell(page, 0, 1).click();
    const online = ['5', '4', '3', '5', '4'];
    for (const value of online) await page.keyboard.press(value);
    await allSaved(page);

    const offline = ['2', '3', 'KeyY', '4', '5'];
    await context.setOffline(true);
    try {
      // Н is the absence key; Playwright presses it by its place (KeyY), as on the Latin layout.
      for (const value of offline) await page.keyboard.press(value);
      await page.getByTestId('queue').filter({ hasText: 'Не отправлено: 5' }).waitFor();
      await screenshot(page, 'teacher-offline');
    } finally {
      await context.setOffline(false);
    }
    await allSaved(page);
    await screenshot(page, 'teacher-grid');

    // The journal answered every entry; its read models follow the store within moments.
    const token = await teacherToken();
    const filled = (answer: Answer) =>
      answer.body.pupils.filter((p: { cells: unknown[] }) => p.cells[1]).length;
    const stored = (
      await eventually(
        () => platform.journal('GET', `/journals/${school.journals.math}/grid`, { token }),
        (answer) => answer.status !== 200 || filled(answer) < 10,
        30_000,
      )
    ).body;
    const valuesOf = (column: number, pupilId: string) => {
      const row = stored.pupils.find((p: { pupilId: string }) => p.pupilId === pupilId);
      const entry = row?.cells[column];
      return [
        ...(entry?.marks ?? []).map((m: { value: string }) => m.value),
        ...(entry?.attendance ? [entry.attendance] : []),
      ];
    };
    expect(pupils.map((id) => valuesOf(0, id))).toEqual(first.map((v) => [v]));
    const second = [...online, ...offline].map((v) => [v === 'KeyY' ? 'absent' : v]);
    expect(pupils.slice(0, 10).map((id) => valuesOf(1, id))).toEqual(second);
    expect(pupils.slice(10).map((id) => valuesOf(1, id))).toEqual(Array(20).fill([]));
  }, 240_000);

  it('serves the bundle compressed as the browser takes it, cached by its content hash', async () => {
    const html = await (await fetch(platform.web.baseUrl)).text();
    const script = /src="\/(app\.[0-9A-Z]{8}\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asked = (encoding: string) =>
      fetch(`${platform.web.baseUrl}/${script}`, { headers: { 'accept-encoding': encoding } });
    const [brotli, gzip, plain] = await Promise.all([asked('gzip, br'), asked('gzip'), asked('')]);
    expect([brotli, gzip, plain].map((r) => r.headers.get('content-encoding'))).toEqual([
      'br',
      'gzip',
      null,
    ]);
    const bodies = await Promise.all([brotli, gzip, plain].map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers.get('vary')).toBe('accept-encoding');
  });

  it('a parent sees a new mark appear live in the diary', async () => {
    const { page } = await open('G-1');
    await page.getByRole('heading', { name: /Дневник/ }).waitFor();
    await page.getByText('Уведомления приходят сразу').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expectStatus(
      await platform.journal('POST', `/journals/${school.journals.math}/lessons`, {
        token: await teacherToken(),
        json: {
          date: school.year.daysAgo(0),
          slot: 3,
          topic: 'Дроби и проценты',
          homework: { text: '№ 301', dueDate: school.year.daysAgo(-2) },
          entries: [
            { pupilId: school.person('P-1'), marks: [{ value: '4', workType: 'classwork' }] },
          ],
        },
      }),
      201,
    );
    await page
      .getByTestId('news')
      .getByText(/новая отметка: 4/)
      .waitFor({ timeout: 45_000 });
    await page.getByText('Дроби и проценты').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'parent-diary');
  });

  it('an auditor sees a correction in the cell history and the grid as of before it', async () => {
    const { page } = teacher;
    await page.bringToFront();
    const corrected = (await rowPupils(page))[0] ?? '';
    const before = new Date(Date.now() - 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
    await toFirstRow(page);
    await cell(page, 0, 0).click();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog');
    await panel.getByText('Отметка выставлена').waitFor();
    await panel.getByLabel('Новое значение').selectOption('3');
    await panel.getByLabel('Причина').fill('Ошибка при вводе');
    await panel.getByRole('button', { name: 'Исправить' }).click();
    await panel.waitFor({ state: 'detached' });
    await cell(page, 0, 0).filter({ hasText: '3' }).waitFor();

    const auditor = await open('A-1');
    const audit = auditor.page;
    await audit.getByRole('link', { name: 'Аудит' }).click();
    await audit.getByLabel('Журнал (идентификатор)').fill(school.journals.math);
    await audit.getByRole('button', { name: 'Показать' }).click();
    await audit.getByTestId('audit-heading').filter({ hasText: 'журнал сейчас' }).waitFor();
    expect(await rowPupils(audit)).toContain(corrected);
    await cell(audit, 0, 0).click();
    const history = audit.locator('table.history');
    await history.getByText('Отметка исправлена').waitFor();
    expect(await history.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/Отметка выставлена\t1\tПетрова Ольга/),
      expect.stringMatching(/Отметка исправлена\t1 → 3\tПетрова Ольга .*Ошибка при вводе/),
    ]);
    await audit.getByTestId('integrity').waitFor();
    expect(await seriousViolations(audit)).toEqual([]);
    await screenshot(audit, 'auditor-history', true);

    await audit.getByLabel(/По состоянию на/).fill(before.slice(0, 19));
    await audit.getByRole('button', { name: 'Показать' }).click();
    await audit.getByTestId('audit-heading').filter({ hasText: 'по состоянию на' }).waitFor();
    expect((await cell(audit, 0, 0).innerText()).trim()).toBe('1');
    expect(await seriousViolations(audit)).toEqual([]);
    await screenshot(audit, 'auditor-as-of');
  });

  it('the head checks a roster file (dry run), sees the year-end deadlines and the school’s journals', async () => {
    const { page } = await open('S-5');
    await page.getByRole('link', { name: 'Журналы школы' }).click();
    await page.getByRole('heading', { name: 'Журналы школы' }).waitFor();
    const cards = page.locator('ul.cards li');
    await cards.filter({ hasText: 'Физика' }).waitFor();
    expect((await cards.locator('strong').allInnerTexts()).sort()).toEqual([
      'Математика',
      'Физика',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'school-journals');

    await page.getByRole('link', { name: 'Управление' }).click();
    await page.getByRole('heading', { name: 'Управление школой' }).waitFor();
    await page.getByLabel(/Файл/).setInputFiles({
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: rosterFile(['ученик;P-31;Новикова;Алиса;;03.03.2013;7А;;;;;;']),
    });
    await page.getByRole('button', { name: 'Проверить без записи' }).click();
    await page.getByText(/Строк: 1\. Проверка без записи\./).waitFor();
    await page.getByText(/Срок: \d{4}-06-30/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin', true);
  });

  it('renders a 30 × 170 grid and saves keystrokes on it (figures)', async () => {
    // 170 lessons, each with marks for a fifth of the class: a year's grid of one subject.
    await recordYearOfLessons(platform, school, school.journals.physics);

    const { page } = teacher;
    // A page in the background gets one animation frame a second: measure it in front.
    await page.bringToFront();
    await page.goto(`${platform.web.baseUrl}/#/journal/${school.journals.physics}`);
    // The grid renders the rows and columns in view (and a margin): the first cell at once.
    await cell(page, 0, 0)
      .waitFor()
      .catch(async (error: unknown) => {
        await page.screenshot({ path: 'tmp/web-e2e-failure.png' });
        throw error;
      });
    const renders = (await metrics(page)).gridRenders.filter(
      (r) => r.lessons === 170 && r.pupils === 30,
    );
    expect(renders).toHaveLength(1);
    figures['grid30x170'] = {
      laidOutMs: Math.round(renders[0]?.ms ?? NaN),
      paintedMs: Math.round(renders[0]?.paintedMs ?? NaN),
    };
    // Scrolled to the far corner: until its last column is rendered and painted.
    figures['grid30x170ScrollMs'] = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const browser = globalThis as unknown as BrowserGlobals;
          const box = browser.document.querySelector('.grid-scroll');
          const t0 = browser.performance.now();
          box?.scrollTo(box.scrollWidth, box.scrollHeight);
          const painted = () =>
            browser.document.querySelector('[aria-rowindex="31"] [aria-colindex="171"]')
              ? browser.setTimeout(() => resolve(Math.round(browser.performance.now() - t0)), 0)
              : browser.requestAnimationFrame(painted);
          browser.requestAnimationFrame(painted);
        }),
    );
    // A teacher's pace: each key once the previous entry is saved (keystroke → saved cell).
    const before = (await metrics(page)).saves.length;
    await toFirstRow(page);
    await cell(page, 0, 169).click();
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press(String((i % 5) + 1));
      await allSaved(page);
    }
    const saves = (await metrics(page)).saves.slice(before);
    expect(saves).toHaveLength(30);
    figures['keystrokeToSavedMs'] = summary(saves);
    await screenshot(page, 'teacher-grid-30x170');
  });
});

interface PageNode {
  textContent: string | null;
  parentElement: PageNode | null;
  getAttribute(name: string): string | null;
  style: { getPropertyValue(name: string): string };
  querySelector(selector: string): PageNode | null;
  scrollLeft: number;
  scrollTop: number;
  scrollWidth: number;
  scrollHeight: number;
  clientHeight: number;
  scrollTo(x: number, y: number): void;
}

interface BrowserGlobals {
  document: {
    querySelector(selector: string): PageNode | null;
    querySelectorAll(selector: string): Iterable<PageNode>;
  };
  performance: { now(): number };
  requestAnimationFrame(callback: () => void): void;
  setTimeout(callback: () => void, ms: number): void;
}

function summary(values: number[]) {
  return {
    n: values.length,
    p50: Math.round(percentile(values, 50)),
    p99: Math.round(percentile(values, 99)),
  };
}
