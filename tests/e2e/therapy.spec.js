// The therapy screen (what was in the drip, when the clinic gives several:
// `therapies`): asked after the first screen, before the other questions;
// only the shared core's file is fetched before the pick, then the pick's
// own file (with a loading screen, and Try again when it fails). A red flag
// ends the check before it; a preset drip (`therapy`) or one drip offered
// never shows it; a setting the widget cannot read asks about every drip.
const {
  test, expect, textSizeContext, DEMO, clearSession, widgetMounted, answer, runFlow, screenKind, choiceOptions, waitForScreenChange,
  axeBothSchemes, saveAxeLog, setLanguage,
} = require('./helpers');
const { protocol, questionText } = require('./protocol');

const S = 'main [data-question="therapy"]';
const box = (code) => `${S} input[data-option="${code}"]`;

// The screen's words (src/i18n.rs).
const WORDS = {
  en: {
    q: 'What was in your drip?',
    iron: 'Iron',
    vitaminC: 'Vitamin C, a large dose',
    notSure: "I'm not sure",
    pick: 'Select what was in your drip, or select “I\'m not sure”.',
    failed: 'The questions for your drip could not load.',
    retry: 'Try again',
  },
  es: {
    q: '¿Qué tenía su suero?',
    iron: 'Hierro',
    vitaminC: 'Vitamina C, una dosis alta',
    notSure: 'No sé',
    pick: 'Marque lo que tenía su suero, o marque “No sé”.',
    failed: 'No se pudieron cargar las preguntas de su suero.',
    retry: 'Intentar otra vez',
  },
};

/** The iframe page (the patient's link) with these settings, its check mounted. */
async function open(page, lang, settings = 'therapies=iron%20vitamin-c') {
  await page.goto(`/frame.html#clinic-phone=%2B1%20555%200100&lang=${lang}&${settings}`);
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  await widgetMounted(page);
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', lang);
}

/**
 * The language files the page itself asks for (not its service worker's
 * install, which keeps the default's files for offline use), by name.
 */
function binsOf(page) {
  const names = [];
  page.on('request', (r) => {
    const m = /\/pkg\/([^/?#]+\.bin)/.exec(r.url());
    if (m && !r.serviceWorker()) names.push(m[1].replace(/-[0-9a-f]{8,}\.bin$/, '.bin'));
  });
  return names;
}

// Chromium logs a refused download as a console error; those are expected where a file is refused.
function forgiveFailedLoads(watch) {
  const keep = watch.errors.filter((e) => !/Failed to load resource|ERR_FAILED/.test(e));
  watch.errors.splice(0, watch.errors.length, ...keep);
}

/** The first screen answered "None of these": the therapy screen shows. */
async function toTherapy(page) {
  expect(await answer(page, 'red_flags', {})).toBe('therapy');
  await expect(page.locator(`${S} h2`)).toBeVisible();
}

// The questions only a drip's own pack asks (protocol.json's `pack`).
const only = (pack) => protocol.questions.filter((q) => q.pack === pack).map((q) => q.id);

/**
 * Answers every screen after the therapy screen from `answers`, and any other
 * the plain way ("no", "none", Skip...); gives the screens visited.
 */
async function finish(page, answers) {
  return runFlow(page, answers, {
    fallback: async (id) => {
      const kind = await screenKind(page, id);
      if (kind === 'choice') {
        const opts = await choiceOptions(page, id);
        return ['no', 'none', 'better'].find((o) => opts.includes(o)) || opts[0];
      }
      if (kind === 'checklist') return {};
      if (kind === 'multi') return [];
      return '';
    },
  });
}

for (const lang of ['en', 'es']) {
  const w = WORDS[lang];

  test(`${lang}: the therapy screen after the first screen: the drips offered, an error for no pick, "not sure" exclusive, the pick's file loaded, Back keeps it`, async ({ page }) => {
    const bins = binsOf(page);
    await open(page, lang);
    await toTherapy(page);
    const s = page.locator(S);
    // The drips offered, in plain words, and "I'm not sure" last, after "or".
    await expect(s.locator('h2')).toHaveText(w.q);
    const codes = await s.locator('input[type=checkbox]').evaluateAll((l) => l.map((i) => i.dataset.option));
    expect(codes).toEqual(['iron', 'vitamin-c', 'not_sure']);
    await expect(s.getByRole('checkbox', { name: w.iron, exact: false })).toHaveCount(1);
    await expect(s.locator('label', { has: page.locator('input[data-option="iron"]') })).toContainText(w.iron);
    await expect(s.locator('label', { has: page.locator('input[data-option="vitamin-c"]') })).toContainText(w.vitaminC);
    await expect(s.locator('label', { has: page.locator('input[data-option="not_sure"]') })).toContainText(w.notSure);
    // (no progress count on it: it is not one of the protocol's questions)
    await expect(page.locator('.ic-progress')).toHaveCount(0);

    // Before the pick: the shared core's file, and every file a pick can
    // need (each drip alone, and both), fetched when the check showed, so
    // that the pick itself sends nothing.
    await page.waitForLoadState('networkidle');
    for (const sel of ['core', 'iron', 'vitamin-c', 'iron_vitamin-c']) {
      expect(bins, 'files fetched before the pick').toContain(`${sel}-${lang}.bin`);
      expect(bins, 'files fetched before the pick').toContain(`${sel}-reasons-${lang}.bin`);
    }
    expect(bins.filter((f) => /magnesium/.test(f)), 'no file of a drip not offered').toEqual([]);
    const fetched = bins.length;

    // The hint describes the boxes' group.
    await expect(s.locator('fieldset')).toHaveAttribute('aria-describedby', 'ic-h-therapy-hint');
    await expect(s.locator('#ic-h-therapy-hint')).toHaveClass(/ic-hint/);

    // Next with nothing ticked: the error summary, focused, with the therapy message.
    await s.locator('button[data-action=next]').click();
    const summary = s.locator('.ic-error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(w.pick);
    await expect(s.locator('[data-error]')).toHaveText(w.pick);
    await expect(s.locator('fieldset')).toHaveAttribute('aria-describedby', 'ic-h-therapy-hint ic-h-therapy-error');

    // "I'm not sure" unticks the others, and a drip unticks it.
    await page.locator(box('iron')).check();
    await page.locator(box('vitamin-c')).check();
    await page.locator(box('not_sure')).check();
    await expect(page.locator(box('iron'))).not.toBeChecked();
    await expect(page.locator(box('vitamin-c'))).not.toBeChecked();
    await page.locator(box('iron')).check();
    await expect(page.locator(box('not_sure'))).not.toBeChecked();
    await expect(page.locator(box('iron'))).toBeChecked();

    // Iron, then Next: the protocol's questions (iron's), and no request.
    await s.locator('button[data-action=next]').click();
    expect(await waitForScreenChange(page, 'therapy')).toBe('ctx_time_since_end');
    await expect(page.locator('main [data-question="ctx_time_since_end"] h2')).toHaveText(questionText('ctx_time_since_end', lang));
    expect(bins.length, 'no request after the pick').toBe(fetched);

    // Back: the therapy screen, iron still ticked.
    await page.locator('[data-action=back]').click();
    expect(await waitForScreenChange(page, 'ctx_time_since_end')).toBe('therapy');
    await expect(page.locator(box('iron'))).toBeChecked();
    await expect(page.locator(box('vitamin-c'))).not.toBeChecked();
    await expect(page.locator(box('not_sure'))).not.toBeChecked();

    // Another pick (iron and vitamin C): both drips' questions, and still no request.
    await page.locator(box('vitamin-c')).check();
    await s.locator('button[data-action=next]').click();
    expect(await waitForScreenChange(page, 'therapy')).toBe('ctx_time_since_end');
    await page.waitForLoadState('networkidle');
    expect(bins.length, 'no request after the pick').toBe(fetched);
  });

  test(`${lang}: a red flag on the first screen: the emergency result, no therapy screen, no pack file`, async ({ page }) => {
    const bins = binsOf(page);
    await open(page, lang);
    expect(await answer(page, 'red_flags', { rf_chest: 'yes' })).toBe('result');
    await expect(page.locator('main section[data-disposition=emergency]')).toBeVisible();
    await expect(page.locator(S)).toHaveCount(0);
    // (on the result: no new request: the drips' files were fetched when
    // the check showed, as on every load, whatever the patient answers)
    await page.waitForLoadState('networkidle');
    const fetched = bins.length;
    await page.waitForTimeout(300);
    expect(bins.length, 'no request on the result').toBe(fetched);
  });
}

test('a language switched on the therapy screen keeps the ticks, fetches what a pick can need in that language, and the pick sends nothing', async ({ page }) => {
  const bins = binsOf(page);
  await open(page, 'en');
  await toTherapy(page);
  await page.locator(box('iron')).check();
  await setLanguage(page, 'es');
  await expect(page.locator(`${S} h2`)).toHaveText(WORDS.es.q);
  await expect(page.locator(box('iron'))).toBeChecked();
  // The switch fetched what a pick can need in Spanish too, before the pick
  // (a moment after the screen painted: `soon` in web/packs.js).
  await expect.poll(() => bins, { timeout: 10_000 }).toContain('iron_vitamin-c-reasons-es.bin');
  expect(bins).toContain('iron-es.bin');
  await page.waitForTimeout(500);
  const fetched = bins.length;
  await page.locator(`${S} button[data-action=next]`).click();
  expect(await waitForScreenChange(page, 'therapy')).toBe('ctx_time_since_end');
  await expect(page.locator('main [data-question="ctx_time_since_end"] h2')).toHaveText(questionText('ctx_time_since_end', 'es'));
  expect(bins.length, 'no request after the pick').toBe(fetched);
  // After the pick, a switch back shows the pick's file in English (fetched
  // when the check first showed in English).
  await setLanguage(page, 'en');
  await expect(page.locator('main [data-question="ctx_time_since_end"] h2')).toHaveText(questionText('ctx_time_since_end', 'en'));
  expect(bins).toContain('iron-en.bin');
  expect(bins.filter((f) => /magnesium/.test(f)), 'no file of a drip not offered').toEqual([]);
});

test.describe('when the pick\'s file cannot load', () => {
  // No service worker: it would serve the file from its cache (offline.spec.js).
  test.use({ serviceWorkers: 'block' });

  for (const lang of ['en', 'es']) {
    test(`${lang}: the loading screen says so with Try again, whom to call stays, and Try again goes on`, async ({ page, watch }) => {
      const w = WORDS[lang];
      await page.route('**/iron-*.bin', (route) => (/reasons/.test(route.request().url()) ? route.continue() : route.fulfill({ status: 404, body: '' })));
      await open(page, lang);
      await toTherapy(page);
      await page.locator(box('iron')).check();
      await page.locator(`${S} button[data-action=next]`).click();
      const loading = page.locator('main [data-loading-pack]');
      await expect(loading.locator('h2')).toContainText(w.failed);
      await expect(loading.locator('h2')).toBeFocused();
      // (a screen reader hears it: the heading changed under the focus)
      const live = page.locator('.ic-live:not([data-restart-live]):not([data-cleared-live])');
      await expect(live).toContainText(w.failed);
      const retry = loading.locator('button[data-action=retry]');
      await expect(retry).toHaveText(w.retry);
      await expect(page.locator('[data-action=call-emergency-bar]').first()).toHaveAttribute('href', DEMO.emergencyHref);
      await expect(page.locator('[data-action=call-emergency-bar]').first()).toBeInViewport();
      await expect(page.locator('main [data-question]')).toHaveCount(0);
      forgiveFailedLoads(watch);

      await page.unrouteAll({ behavior: 'wait' });
      await retry.click();
      await expect(page.locator('main [data-question="ctx_time_since_end"] h2')).toBeFocused();
      await expect(page.locator('main [data-loading-pack]')).toHaveCount(0);
      await expect(live).toContainText(questionText('ctx_time_since_end', lang));
    });
  }
});

test('a reload after the pick keeps the pick and the screen, and the check goes on with iron\'s questions', async ({ page }) => {
  await open(page, 'en');
  await toTherapy(page);
  await page.locator(box('iron')).check();
  await page.locator(`${S} button[data-action=next]`).click();
  expect(await waitForScreenChange(page, 'therapy')).toBe('ctx_time_since_end');
  expect(await answer(page, 'ctx_time_since_end', '1_to_6h')).toBe('ctx_at_clinic');

  const bins = binsOf(page);
  await page.reload();
  await expect(page.locator('main [data-question="ctx_at_clinic"] h2')).toBeVisible();
  await widgetMounted(page);
  await expect(page.locator('main [data-question="ctx_at_clinic"] h2')).toHaveText(questionText('ctx_at_clinic', 'en'));
  expect(bins).toContain('iron-en.bin');
  // Back from here: the time, then the pick, still iron.
  await page.locator('[data-action=back]').click();
  expect(await waitForScreenChange(page, 'ctx_at_clinic')).toBe('ctx_time_since_end');
  await page.locator('[data-action=back]').click();
  expect(await waitForScreenChange(page, 'ctx_time_since_end')).toBe('therapy');
  await expect(page.locator(box('iron'))).toBeChecked();
  await page.locator(`${S} button[data-action=next]`).click();
  expect(await waitForScreenChange(page, 'therapy')).toBe('ctx_time_since_end');

  const r = await finish(page, { ctx_time_since_end: '1_to_6h', ctx_at_clinic: 'no', symptoms: ['g_flush'] });
  const iron = only('iron');
  expect(r.visited.filter((id) => iron.includes(id)), `iron's own questions asked (visited: ${r.visited.join(' ')})`).not.toEqual([]);
  for (const other of ['vitamin-c', 'vitamin-drip']) {
    expect(r.visited.filter((id) => only(other).includes(id)), `no ${other} question`).toEqual([]);
  }
  expect(r.visited).not.toContain('therapy');
});

test.describe('no therapy screen', () => {
  for (const [label, settings, file] of [
    ['therapy="iron" (preset)', 'therapy=iron', 'iron-en.bin'],
    ['therapies="iron" (one drip offered)', 'therapies=iron', 'iron-en.bin'],
  ]) {
    test(`${label}: straight on to the questions, with iron's file`, async ({ page }) => {
      const bins = binsOf(page);
      await open(page, 'en', settings);
      expect(await answer(page, 'red_flags', {})).toBe('ctx_time_since_end');
      await expect(page.locator(S)).toHaveCount(0);
      await expect(page.locator('[data-setup-notice]')).toHaveCount(0);
      expect(bins).toContain(file);
      expect(bins.filter((f) => !f.startsWith('iron-')), 'only iron\'s files').toEqual([]);
    });
  }

  test('therapy="nonsense": a setup notice naming therapy, and the check asks about every drip', async ({ page }) => {
    const bins = binsOf(page);
    await open(page, 'en', 'therapy=nonsense');
    const notice = page.locator('[data-setup-notice]');
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText('therapy');
    expect(await answer(page, 'red_flags', {})).toBe('ctx_time_since_end');
    await expect(page.locator(S)).toHaveCount(0);
    expect(bins).toContain('magnesium_iron_vitamin-c_vitamin-drip-en.bin');
  });
});

test.describe('accessibility', () => {
  test.use({ serviceWorkers: 'block' });

  test('axe: the therapy screen, its error, the loading screen and its failure, light and dark (en, es)', async ({ page, watch }, testInfo) => {
    const log = [];
    try {
      for (const lang of ['en', 'es']) {
        // The pick's file held back, then refused.
        let release;
        const held = new Promise((r) => { release = r; });
        await page.route('**/iron-*.bin', async (route) => {
          if (/reasons/.test(route.request().url())) return route.continue();
          await held;
          return route.fulfill({ status: 404, body: '' });
        });
        await open(page, lang);
        await toTherapy(page);
        await axeBothSchemes(page, `${lang} therapy`, log);
        await page.locator(`${S} button[data-action=next]`).click();
        await expect(page.locator(`${S} .ic-error-summary`)).toBeFocused();
        await axeBothSchemes(page, `${lang} therapy error`, log);
        await page.locator(box('iron')).check();
        await page.locator(`${S} button[data-action=next]`).click();
        await expect(page.locator('main [data-loading-pack] h2')).toBeVisible();
        await expect(page.locator('main [data-loading-pack] [data-action=retry]')).toHaveCount(0);
        await axeBothSchemes(page, `${lang} loading`, log);
        release();
        await expect(page.locator('main [data-loading-pack] [data-action=retry]')).toBeVisible();
        await axeBothSchemes(page, `${lang} loading failed`, log);
        await page.unrouteAll({ behavior: 'wait' });
        forgiveFailedLoads(watch);
        // (a fresh check for the next language)
        await clearSession(page);
      }
    } finally {
      saveAxeLog(testInfo, log);
    }
    expect(log.length).toBe(16);
  });

  test('keyboard only: Tab to a drip, Space, Tab to Next, Enter: the next question, focus on its heading', async ({ page }) => {
    await open(page, 'en');
    await toTherapy(page);
    const focusedIs = (sel) => page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), sel);
    const tabTo = async (sel) => {
      for (let i = 0; i < 40; i++) {
        if (await focusedIs(sel)) {
          const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
          expect(outline, `focus outline on ${sel}`).not.toBe('none');
          return;
        }
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${sel}`);
    };
    // Focus is on the new screen's heading.
    await expect(page.locator(`${S} h2`)).toBeFocused();
    await tabTo(box('iron'));
    await page.keyboard.press('Space');
    await expect(page.locator(box('iron'))).toBeChecked();
    await tabTo(`${S} button[data-action=next]`);
    await page.keyboard.press('Enter');
    expect(await waitForScreenChange(page, 'therapy')).toBe('ctx_time_since_end');
    await expect(page.locator('main [data-question="ctx_time_since_end"] h2')).toBeFocused();
  });

  test('at 200% zoom (195×422) the therapy screen and its error do not scroll sideways', async ({ page }) => {
    await page.setViewportSize({ width: 195, height: 422 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const lang of ['en', 'es']) {
      await open(page, lang);
      await toTherapy(page);
      expect(await overflow(), `${lang} therapy`).toBeLessThanOrEqual(0);
      await expect(page.locator('[data-action=call-emergency-bar]').first()).toBeVisible();
      await page.locator(`${S} button[data-action=next]`).click();
      await expect(page.locator(`${S} .ic-error-summary`)).toBeVisible();
      expect(await overflow(), `${lang} therapy error`).toBeLessThanOrEqual(0);
      await clearSession(page);
    }
  });

  test('with 32 px text (the phone\'s large text) nothing on the therapy screen overflows', async ({ baseURL }) => {
    const context = await textSizeContext(baseURL, 32, { viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      for (const lang of ['en', 'es']) {
        await open(page, lang);
        expect(await page.locator('.ic-app').evaluate((el) => getComputedStyle(el).fontSize)).toBe('32px');
        await toTherapy(page);
        await page.locator(`${S} button[data-action=next]`).click();
        await expect(page.locator(`${S} .ic-error-summary`)).toBeVisible();
        const m = await page.evaluate((sel) => {
          const doc = document.documentElement;
          const cut = [...document.querySelectorAll(`${sel} *, a[data-action=call-emergency-bar]`)]
            .filter((el) => el.getClientRects().length > 0)
            .filter((el) => el.getBoundingClientRect().right > innerWidth + 1 || el.scrollWidth - el.clientWidth > 1)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.slice(0, 30)}"`);
          return { overflow: doc.scrollWidth - doc.clientWidth, cut };
        }, S);
        expect(m.overflow, `${lang}: sideways scroll`).toBeLessThanOrEqual(1);
        expect(m.cut, `${lang}: cut off or past the screen's edge`).toEqual([]);
        await clearSession(page);
      }
    } finally {
      await context.close();
    }
  });
});
