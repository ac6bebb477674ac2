// Shared helpers for the end-to-end specs: a `test` whose pages are watched
// (no request may leave 127.0.0.1, no console error), and a driver that
// answers the widget's screens through its data-* hooks.
const base = require('@playwright/test');
const { expect } = base;
const fs = require('fs');
const path = require('path');
const AxeBuilder = require('@axe-core/playwright').default;
const os = require('os');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
// The WCAG rules and axe's best practices (landmarks, heading order, one main...).
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// The demo clinic of site/index.html.
const DEMO = {
  emergencyHref: 'tel:911',
  clinicHref: 'tel:+15550100',
  afterHoursHref: 'tel:+15550199',
  // It offers every drip (`therapies`): the therapy screen follows the first
  // screen; the shared flows were written for magnesium.
  therapy: ['magnesium'],
};

/** Every page is watched: requests must stay on 127.0.0.1, no console errors. */
const test = base.test.extend({
  watch: [
    async ({ context, page, baseURL }, use) => {
      const origin = new URL(baseURL).origin;
      const requests = [];
      const offsite = [];
      const errors = [];
      // On the context: the page's requests and its service worker's.
      context.on('request', (r) => {
        const url = r.url();
        requests.push(url);
        if (!(url.startsWith(origin + '/') || url.startsWith('data:'))) offsite.push(url);
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      await use({ requests, offsite, errors });
      // Checked after every test, whatever it did.
      if (page.url() !== 'about:blank') {
        expect(requests.length, 'the page made requests at all (the watcher works)').toBeGreaterThan(0);
      }
      expect(offsite, `requests that left ${origin}`).toEqual([]);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

const SCREEN = 'main [data-question], main [data-disposition]';

/** The current screen: a question id, or "result". */
async function currentScreen(page) {
  const el = page.locator(SCREEN).first();
  await el.waitFor({ state: 'visible' });
  const q = await el.getAttribute('data-question');
  return q === null ? 'result' : q;
}

// The current screen's id and kind, read in the page in one go.
function readScreen(sel) {
  const el = document.querySelector(sel);
  if (!el) return null;
  if (el.hasAttribute('data-disposition')) return { id: 'result', kind: 'result' };
  const kind = el.classList.contains('ic-checklist')
    ? 'checklist'
    : el.querySelector('textarea')
      ? 'text'
      : el.querySelector('input[type=checkbox]')
        ? 'multi'
        : 'choice';
  return { id: el.getAttribute('data-question'), kind };
}

/** Waits until the screen is no longer `prev`; returns the new { id, kind }. */
async function waitForScreen(page, prev) {
  const expr = `(() => {
    const s = (${readScreen.toString()})(${JSON.stringify(SCREEN)});
    return s && s.id !== ${JSON.stringify(prev)} && s;
  })()`;
  const handle = await page.waitForFunction(expr);
  return handle.jsonValue();
}

/** Waits until the screen is no longer `prev`; returns the new screen id. */
async function waitForScreenChange(page, prev) {
  return (await waitForScreen(page, prev)).id;
}

/**
 * Empties this tab's session storage on a page of the site where the widget
 * does not run (the nurse's read-back page), so no check still mounting can
 * write its answers back after the clear (the check persists on its first
 * render, which can come after page.goto returns).
 */
async function clearSession(page) {
  await page.goto('/nurse.html');
  await page.evaluate(() => sessionStorage.clear());
}

/** Opens the widget (a test's own context: a fresh session), mounted. */
async function openFresh(page) {
  // Each test has its own browser context, so session storage starts empty.
  await page.goto('/');
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  await widgetMounted(page);
  // (no Back on the first screen)
  await expect(page.locator('[data-action=back]')).toHaveCount(0);
}

/**
 * Waits until the widget has taken over the page's build-time first screen
 * (it sets its root's style when it mounts), for tests of what only the wasm
 * does (a crash, focus moves); the patient's taps before it are carried in.
 */
async function widgetMounted(pageOrFrame) {
  await pageOrFrame.waitForFunction(() => [document, ...[...document.querySelectorAll('infusion-check')].map((e) => e.shadowRoot).filter(Boolean)]
    .every((r) => !r.querySelector('[data-prerendered]:not([style])')), null, { timeout: 20_000 });
}

async function setLanguage(page, lang) {
  await page.locator(`button[data-lang=${lang}]`).click();
  await expect(page.locator(`button[data-lang=${lang}]`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', lang);
}

/** What kind of screen `id` is, from its DOM. */
async function screenKind(page, id) {
  if (id === 'result') return 'result';
  const s = await page.evaluate(readScreen, SCREEN);
  expect(s && s.id, 'the screen asked about is the current one').toBe(id);
  return s.kind;
}

/**
 * Answers the current screen `id` with `value`:
 * - checklist: { item_id: 'yes' | 'not_sure' | 'no' } ({} = None of these;
 *   any not_sure → "I'm not sure what some of these mean", then each
 *   item's own "Not sure");
 * - choice: an option code; multi: an array of codes ([] = None of these);
 * - text: a string ('' or undefined = Skip).
 * `hooks.afterUnsure(page)` runs when the explained mode has just opened.
 */
async function answer(page, id, value, hooks = {}) {
  return (await answerScreen(page, id, value, hooks)).id;
}

/** As `answer`, with the screen's kind if known; returns the next { id, kind }. */
async function answerScreen(page, id, value, hooks = {}, knownKind = null) {
  const s = page.locator(`main [data-question="${id}"]`).first();
  const kind = knownKind || (await screenKind(page, id));
  if (kind === 'checklist') {
    const ticked = Object.entries(value || {}).filter(([, c]) => c !== 'no');
    if (ticked.length === 0) {
      // GOV.UK's pattern: "None of these" is the last box, then Next.
      await s.locator('input[data-option=none]').check();
      await s.locator('button[data-action=next]').click();
    } else if (ticked.some(([, c]) => c === 'not_sure')) {
      await s.locator('button[data-option=unsure]').click();
      const items = s.locator('.ic-item[data-question]');
      await expect(s.locator('input[data-option=not_sure]').first()).toBeVisible();
      if (hooks.afterUnsure) await hooks.afterUnsure(page);
      const ids = await items.evaluateAll((fs) => fs.map((f) => f.getAttribute('data-question')));
      for (const [item] of ticked) expect(ids, `checklist ${id} has item ${item}`).toContain(item);
      for (const [item, code] of ticked) {
        const box = code === 'not_sure'
          ? s.locator(`input[data-option=not_sure][data-item="${item}"]`)
          : s.locator(`input[data-option="${item}"]`);
        await box.check(); // check() fails unless the box ends up checked
      }
      await s.locator('button[data-action=next]').click();
    } else {
      for (const [item] of ticked) {
        await s.locator(`input[data-option="${item}"]`).check();
      }
      await s.locator('button[data-action=next]').click();
    }
  } else if (kind === 'multi') {
    const codes = Array.isArray(value) ? value : [value];
    if (codes.length === 0) {
      await s.locator('input[data-option=none]').check();
      await s.locator('button[data-action=next]').click();
    } else {
      for (const c of codes) {
        await s.locator(`input[data-option="${c}"]`).check();
      }
      await s.locator('button[data-action=next]').click();
    }
  } else if (kind === 'text') {
    if (value) {
      await s.locator('textarea').fill(value);
      await s.locator('button[data-action=next]').click();
    } else {
      await s.locator('button[data-option=skip]').click();
    }
  } else if (kind === 'choice') {
    await s.locator(`button[data-option="${value}"]`).click();
  } else {
    throw new Error(`cannot answer screen ${id}`);
  }
  return waitForScreen(page, id);
}

/** The option codes a choice screen offers. */
async function choiceOptions(page, id) {
  return page
    .locator(`main [data-question="${id}"] button[data-option]`)
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-option')));
}

/**
 * Drives the flow from the current screen to the result, answering from
 * `answers` (question id → value). `onScreen(id)` runs on every screen before
 * it is answered (and on the result). `fallback(id, page)` gives an answer
 * for a screen `answers` lacks (default: fail).
 */
async function runFlow(page, answers, { onScreen, fallback, hooks, maxSteps = 120 } = {}) {
  const visited = [];
  let cur = await waitForScreen(page, null);
  for (let step = 0; step < maxSteps; step++) {
    const id = cur.id;
    visited.push(id);
    if (onScreen) await onScreen(id);
    if (id === 'result') break;
    let value = answers[id];
    // "Who is answering?" is the first screen's switch.
    if (step === 0 && id === 'red_flags' && answers.ctx_respondent === 'helping_someone') {
      await page.locator('main input[data-option=helping_someone]').check();
    }
    // The demo clinic gives several drips: its flows (the magnesium
    // cases') pick magnesium on the therapy screen unless they say.
    if (value === undefined && id === 'therapy') value = DEMO.therapy;
    if (value === undefined) {
      if (!fallback) throw new Error(`the flow asked ${id}, which the test does not answer (visited: ${visited.join(' → ')})`);
      value = await fallback(id, page);
    }
    cur = await answerScreen(page, id, value, hooks, cur.kind);
  }
  expect(cur.id, `the flow reached a result (visited: ${visited.join(' → ')})`).toBe('result');
  const result = page.locator('main section[data-disposition]');
  return {
    visited,
    disposition: await result.getAttribute('data-disposition'),
    urgency: await result.getAttribute('data-urgency'),
  };
}

/** Waits for CSS transitions to finish (so axe sees the final colours). */
async function settle(page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/** Answers screens from `answers` until the current screen is `target`. */
async function driveTo(page, answers, target, maxSteps = 120) {
  let id = await currentScreen(page);
  const visited = [];
  for (let step = 0; id !== target; step++) {
    visited.push(id);
    const value = answers[id] === undefined && id === 'therapy' ? DEMO.therapy : answers[id];
    if (id === 'result' || step >= maxSteps || value === undefined) {
      throw new Error(`did not reach ${target} (visited: ${visited.join(' → ')}, stuck at ${id})`);
    }
    id = await answer(page, id, value);
  }
  return visited;
}

/** Runs axe on the page; returns the violations (summarised). */
async function axeViolations(page) {
  // Legacy mode: axe.run in the page itself (the widget has no iframes), which
  // is several times faster than the cross-frame mode.
  const r = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return r.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`),
  }));
}

/**
 * Scans the current screen with axe in both colour schemes; records the scan
 * in `log` and asserts zero violations.
 */
async function axeBothSchemes(page, label, log) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect
      .poll(() => page.evaluate((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme))
      .toBe(true);
    await settle(page);
    const v = await axeViolations(page);
    log.push({ screen: label, scheme, violations: v.length });
    expect(v, `axe violations on ${label} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Appends a test's axe scans to test-results/axe/ (summed by teardown.js). */
function saveAxeLog(testInfo, log) {
  const dir = path.join(RESULTS, 'axe');
  fs.mkdirSync(dir, { recursive: true });
  // (the project's name first: outcomes.spec.js runs against site/ and dist/)
  const name = [testInfo.project.name, ...testInfo.titlePath.slice(1)].join(' › ').replace(/[^\w.-]+/g, '_').slice(0, 150);
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ test: testInfo.title, scans: log }, null, 1));
}

/** The result section's call buttons: which are visible, with their hrefs. */
async function expectCall(page, action, href) {
  const a = page.locator(`main section[data-disposition] a[data-action=${action}]`);
  await expect(a).toBeVisible();
  await expect(a).toHaveAttribute('href', href);
  await expect(a).toBeInViewport();
}

// A browser whose default text size is `size` px, as a phone's own text-size
// setting gives (32: 200%): Chromium reads it from its profile, so this is a
// persistent context on a profile of its own, removed when it is closed.
// `options` go to launchPersistentContext (the viewport: 390×844 unless set).
async function textSizeContext(baseURL, size, options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-text-size-'));
  fs.mkdirSync(path.join(dir, 'Default'));
  fs.writeFileSync(
    path.join(dir, 'Default', 'Preferences'),
    JSON.stringify({ webkit: { webprefs: { default_font_size: size, default_fixed_font_size: (13 * size) / 16 } } }),
  );
  const context = await base.chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    serviceWorkers: 'block',
    ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return context;
}

module.exports = {
  test,
  textSizeContext,
  expect,
  DEMO,
  ROOT,
  RESULTS,
  AXE_TAGS,
  SCREEN,
  currentScreen,
  waitForScreenChange,
  clearSession,
  openFresh,
  widgetMounted,
  setLanguage,
  screenKind,
  answer,
  choiceOptions,
  runFlow,
  driveTo,
  axeViolations,
  settle,
  axeBothSchemes,
  saveAxeLog,
  expectCall,
};
