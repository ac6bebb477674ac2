// Embedding faults (issue 22): a browser API that says no is not a crash; the
// setup page offers no code with the demo clinic's numbers in it; the fallback
// box names the after-hours line; the custom element's emergency bar stays in
// view under a clinic page's own sticky header.
//
// Served like embed.spec.js (tests/e2e/embedding.js): the widget from one
// 127.0.0.1 origin, the host pages (tests/e2e/hosts/) from another.
const { test, expect } = require('@playwright/test');
const { servers, watch, walkToResult, panicIn } = require('./embedding');
const { widgetMounted } = require('./helpers');

test.use({ viewport: { width: 390, height: 844 } });

const srv = servers();
let W; // the widget's origin
let H; // the host pages' origin

test.beforeAll(async () => {
  await srv.start({ csp: false });
  ({ W, H } = srv);
});

test.afterAll(async () => {
  await srv.stop();
});

// Chromium's own line when a frame without the permission calls the Clipboard
// API: the browser's report, not the widget's.
const CLIPBOARD_BLOCKED = /Permissions policy violation: The Clipboard API has been blocked/;

/** The emergency result in `scope` (one tap: a red flag, then Next). */
async function emergencyResult(scope) {
  await scope.locator('.ic-main input[data-option=rf_chest]').check();
  await scope.locator('.ic-main button[data-action=next]').click();
  await expect(scope.locator('[data-disposition=emergency]')).toBeVisible();
}

/** The result is still there, whole: not replaced by the crash fallback. */
async function expectResultStays(scope, label) {
  await expect(scope.locator('[data-disposition]'), `${label}: the result stays`).toBeVisible();
  await expect(scope.locator('.ic-why li').first(), `${label}: its reasons stay`).toBeVisible();
  await expect(scope.locator('pre[data-summary]'), `${label}: its summary stays`).toBeVisible();
  await expect(scope.locator('[data-fallback]'), `${label}: no crash fallback`).toHaveCount(0);
}

// ---------------------------------------------------------------- 1. copy

test('1a. copy in a frame without clipboard access: it says it could not copy (both languages) and the result stays', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${H}/blank.html`);
  // The iframe code as it was before `allow="clipboard-write; web-share"`.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'frame';
    f.title = 'Symptom check after your IV drip';
    f.style.cssText = 'width:100%;height:800px;border:0';
    f.src = src;
    document.getElementById('bench').append(f);
  }, `${W}/frame.html#clinic-name=Demo%20Infusion%20Clinic&clinic-phone=%2B1%20555%200100&lang=en`);
  const frame = page.frameLocator('#frame');
  await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const inner = page.frame({ url: /\/frame\.html/ });
  // A share sheet that is closed (or refused in a frame without web-share)
  // rejects too.
  await inner.evaluate(() => {
    navigator.share = () => Promise.reject(new DOMException('Share canceled', 'AbortError'));
  });
  await emergencyResult(frame);

  const copy = frame.locator('button[data-action=copy]');
  await expect(copy).toHaveText('Copy');
  await copy.click();
  await expect(copy).toHaveText('Could not copy');
  await expect(copy).toHaveAttribute('data-copied', 'no');
  await expect(frame.locator('[data-copy-status]')).toHaveText(/could not copy the summary\. Select its text above/);
  await expectResultStays(frame, 'refused copy');

  await frame.locator('button[data-action=share]').click();
  await page.waitForTimeout(300); // (the rejection is handled a task later)
  await expectResultStays(frame, 'closed share sheet');

  // In Spanish too, and a second try says the same.
  await frame.locator('button[data-lang=es]').click();
  await expect(frame.locator('.ic-app')).toHaveAttribute('lang', 'es');
  await expect(copy).toHaveText('No se pudo copiar');
  await copy.click();
  await expect(copy).toHaveText('No se pudo copiar');
  await expect(frame.locator('[data-copy-status]')).toHaveText(/no pudo copiar el resumen/);
  await expectResultStays(frame, 'refused copy (es)');

  // Nothing was taken for a crash: the crash guard still catches a real one.
  expect(w.errors.filter((e) => !CLIPBOARD_BLOCKED.test(e)), 'console errors').toEqual([]);
  await panicIn(inner, W);
  await expect(frame.locator('[data-fallback] a[href="tel:911"]')).toBeVisible();
  await expect(frame.locator('[data-disposition]')).toHaveCount(0);
});

test('1b. the iframe code with allow="clipboard-write; web-share": Copy puts the summary on the clipboard and says Copied', async ({ page }) => {
  const w = watch(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: H });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: W });
  await page.goto(`${H}/iframe.html`);
  await expect(page.locator('#infusion-check')).toHaveAttribute('allow', 'clipboard-write; web-share');
  const frame = page.frameLocator('#infusion-check');
  await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await emergencyResult(frame);
  const copy = frame.locator('button[data-action=copy]');
  await copy.click();
  await expect(copy).toHaveText('Copied');
  await expect(copy).toHaveAttribute('data-copied', 'yes');
  await expect(frame.locator('[data-copy-status]')).toHaveText('Copied');
  const summary = await frame.locator('pre[data-summary]').innerText();
  // The copied text is the summary on screen, then the folded "no" answers and the rules.
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(summary.trim())).toBe(true);
  expect(copied).toContain('Rules that fired: E01');
  await expectResultStays(frame, 'copied');
  expect(w.errors, 'console errors').toEqual([]);
});

test('1c. custom element: "Copied" only once the clipboard\'s promise resolves; a rejection or no clipboard says it could not copy', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${H}/element.html`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  // A clipboard that answers when the test says so.
  await page.evaluate(() => {
    navigator.clipboard.writeText = (text) => new Promise((resolve, reject) => {
      window.__copied = text;
      window.__settle = (ok) => (ok ? resolve() : reject(new DOMException('Write permission denied.', 'NotAllowedError')));
    });
  });
  await emergencyResult(ic);
  const copy = ic.locator('button[data-action=copy]');

  await copy.click();
  await page.waitForFunction(() => typeof window.__settle === 'function');
  await page.waitForTimeout(200);
  await expect(copy, 'not "Copied" while the clipboard has not answered').toHaveText('Copy');
  expect((await page.evaluate(() => window.__copied)).startsWith((await ic.locator('pre[data-summary]').innerText()).trim())).toBe(true);
  await page.evaluate(() => window.__settle(true));
  await expect(copy).toHaveText('Copied');

  await page.evaluate(() => window.__settle = null);
  await copy.click();
  await page.waitForFunction(() => typeof window.__settle === 'function');
  await page.evaluate(() => window.__settle(false));
  await expect(copy).toHaveText('Could not copy');
  await expectResultStays(ic, 'rejected copy');

  // A browser with no clipboard at all (an insecure page, an old browser).
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await ic.locator('button[data-action=back]').click();
  await emergencyResult(ic);
  await expect(copy).toHaveText('Copy');
  await copy.click();
  await expect(copy).toHaveText('Could not copy');
  await expectResultStays(ic, 'no clipboard');
  expect(w.errors, 'console errors').toEqual([]);
});

// ---------------------------------------------------------------- 3. fallback

const AFTER_HOURS = 'After-hours line / Línea fuera de horario: +1 555 0199';

/** The fallback box in `scope`: the emergency number, the clinic's phone and the after-hours line. */
async function expectNumbers(scope, label, { afterHours = true } = {}) {
  const box = scope.locator('.ic-fallback-box').first();
  await expect(box, `${label}: the fallback box`).toBeVisible();
  await expect(box.locator('a[href="tel:911"]'), `${label}: the emergency number`).toBeVisible();
  await expect(box.locator('a[href="tel:+15550100"]'), `${label}: the clinic's phone`).toContainText('+1 555 0100');
  const after = box.locator('a[href="tel:+15550199"]');
  if (afterHours) {
    await expect(after, `${label}: the after-hours line`).toBeVisible();
    await expect(after).toHaveText(AFTER_HOURS);
  } else {
    await expect(after, `${label}: no after-hours line`).toHaveCount(0);
  }
  for (const h of await box.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(h, `${label}: only tel: links`).toMatch(/^tel:\+?[0-9]+$/);
  }
}


test('3a. after a panic the fallback shows the after-hours line too: custom element, iframe page, standalone page', async ({ page, browser }) => {
  // custom element
  await page.goto(`${H}/element.html`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await panicIn(page, W);
  await expect(ic.locator('[data-fallback]')).toBeVisible();
  await expectNumbers(ic, 'custom element after a panic');

  // iframe page; then a new fragment after the crash (the page's own script
  // writes the numbers), and one without an after-hours line
  const page2 = await page.context().newPage();
  await page2.goto(`${H}/iframe.html`);
  const frame = page2.frameLocator('#infusion-check');
  await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const inner = page2.frame({ url: /\/frame\.html/ });
  await panicIn(inner, W);
  await expect(frame.locator('[data-fallback]')).toBeVisible();
  await expectNumbers(frame, 'iframe page after a panic');
  await inner.evaluate(() => {
    location.hash = 'clinic-phone=%2B1%20555%200100&after-hours-phone=%2B1%20555%200199';
  });
  await expect(frame.locator('[data-fallback]')).toHaveCount(0);
  await expectNumbers(frame, 'iframe page, a new fragment after the crash');
  await inner.evaluate(() => {
    location.hash = 'clinic-phone=%2B1%20555%200100&after-hours-phone=javascript%3Aalert(1)';
  });
  await expect(frame.locator('.ic-fallback-box a')).toHaveCount(2);
  await expectNumbers(frame, 'iframe page, a bad after-hours line', { afterHours: false });

  // the standalone page
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page3 = await context.newPage();
  await page3.goto(`${W}/index.html`);
  await expect(page3.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await panicIn(page3, W);
  await expect(page3.locator('[data-fallback]')).toBeVisible();
  await expectNumbers(page3.locator('infusion-check'), 'standalone page after a panic');
  await context.close();
});

test('3b. when the wasm or the language files cannot load, the fallback shows the after-hours line too', async ({ browser }) => {
  // (no service worker: it would serve the files past the blocked routes)
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/*.wasm', (r) => r.abort());
  // the iframe page: its own script writes the fragment's numbers
  await page.goto(`${W}/frame.html#clinic-phone=%2B1%20555%200100&after-hours-phone=%2B1%20555%200199`);
  await expect.poll(() => errors.some((e) => e.includes('infusion-check could not start'))).toBe(true);
  await expectNumbers(page, 'iframe page, wasm blocked');
  await page.goto('about:blank');
  await page.goto(`${W}/frame.html#clinic-phone=%2B1%20555%200100`);
  await expectNumbers(page, 'iframe page, wasm blocked, no after-hours line', { afterHours: false });
  // the standalone page: its own box
  await page.goto(`${W}/index.html`);
  await expectNumbers(page.locator('infusion-check'), 'standalone page, wasm blocked');
  await page.unroute('**/*.wasm');

  // No language file: the widget writes its fallback (custom element, iframe page).
  await page.route('**/*.bin', (r) => r.abort());
  await page.goto(`${H}/element.html`);
  await expect(page.locator('#ic [data-fallback]')).toBeVisible();
  await expectNumbers(page.locator('#ic'), 'custom element, no language file');
  await page.goto(`${W}/frame.html#clinic-phone=%2B1%20555%200100&after-hours-phone=%2B1%20555%200199`);
  await expect(page.locator('[data-fallback]')).toBeVisible();
  await expectNumbers(page, 'iframe page, no language file');
  await context.close();
});

// ---------------------------------------------------------------- 2. setup page

const AxeBuilder = require('@axe-core/playwright').default;

// The examples in the empty fields, which must never reach the code.
const EXAMPLES = ['Riverside', '555 0199', '5550199', '555%200199', 'magnesium sulfate', 'magnesium%20sulfate'];

async function codes(page) {
  return {
    element: await page.locator('#out-element').inputValue(),
    iframe: await page.locator('#out-iframe').inputValue(),
    link: await page.locator('#out-link').inputValue(),
  };
}

test('2. the setup page starts empty, offers no code until the clinic\'s phone is there, warns without an after-hours line, and never writes an example into the code', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${W}/setup.html`);
  // Empty, with examples as placeholders (the emergency number is the widget's default, 911).
  for (const [id, example] of [['#f-clinic-name', 'Riverside'], ['#f-clinic-phone', '555 0100'], ['#f-after-hours-phone', '555 0199'], ['#f-infusion', 'magnesium']]) {
    await expect(page.locator(id), `${id} starts empty`).toHaveValue('');
    await expect(page.locator(id)).toHaveAttribute('placeholder', new RegExp(`^e\\.g\\. .*${example}`));
  }
  await expect(page.locator('#f-emergency-number')).toHaveValue('911');
  // No code yet, and why.
  await expect(page.locator('#code')).toBeHidden();
  await expect(page.locator('#issues')).toContainText('Fill in your clinic\'s phone first');
  expect(await codes(page)).toEqual({ element: '', iframe: '', link: '' });
  await expect(page.locator('#qr svg')).toHaveCount(0);
  // The preview shows the examples, to show where each goes.
  const preview = page.frameLocator('#preview');
  await expect(preview.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await expect(page.locator('#preview')).toHaveAttribute('src', /clinic-phone=%2B1%20555%200100/);
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations.map((v) => v.id), 'axe, no code yet').toEqual([]);

  // Only a name and a phone: the code, with nothing of the examples in it, and a warning.
  await page.locator('#f-clinic-name').fill('Lakeside Drip Bar');
  await page.locator('#f-clinic-phone').fill('+1 (555) 010-0300');
  await expect(page.locator('#code')).toBeVisible();
  await expect(page.locator('#issues')).toBeEmpty();
  await expect(page.locator('#warnings')).toContainText('No after-hours line');
  const c = await codes(page);
  for (const [what, text] of Object.entries(c)) {
    for (const e of EXAMPLES) expect(text, `${what} has the example "${e}"`).not.toContain(e);
    expect(text, `${what}: no after-hours line`).not.toContain('after-hours');
    expect(text, `${what}: no infusion`).not.toContain('infusion=');
    expect(text, `${what}: no colour (the default)`).not.toContain('accent');
  }
  expect(c.element).toContain('clinic-phone="+1 (555) 010-0300"');
  expect(c.element).toContain('<a href="tel:+15550100300">Lakeside Drip Bar: +1 (555) 010-0300</a>');
  expect(c.iframe).toContain('allow="clipboard-write; web-share"');
  const params = Object.fromEntries(new URL(c.link).hash.slice(1).split('&').map((p) => p.split('=').map(decodeURIComponent)));
  expect(params).toEqual({ 'clinic-name': 'Lakeside Drip Bar', 'clinic-phone': '+1 (555) 010-0300', 'emergency-number': '911', lang: 'auto' });
  await expect(page.locator('#qr svg')).toBeVisible();
  // (the preview may still show the example after-hours line)
  await expect(page.locator('#preview')).toHaveAttribute('src', /after-hours-phone=/);
  await expect(preview.locator('a[data-action=call-emergency-bar]')).toHaveAttribute('href', 'tel:911');
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations.map((v) => v.id), 'axe, with the code').toEqual([]);

  // The after-hours line: the warning goes, the line is in the code and its fallback content.
  await page.locator('#f-after-hours-phone').fill('555 0399');
  await expect(page.locator('#warnings')).not.toContainText('after-hours');
  const c2 = await codes(page);
  expect(c2.element).toContain('after-hours-phone="555 0399"');
  expect(c2.element).toContain('<a href="tel:5550399">After-hours line / Línea fuera de horario: 555 0399</a>');
  expect(c2.iframe).toContain('<a href="tel:5550399">');
  expect(new URL(c2.link).hash).toContain('after-hours-phone=555%200399');

  // The header's height goes to the custom element only.
  await page.locator('#f-sticky-offset').fill('64');
  await expect(page.locator('#out-element')).toHaveValue(/ sticky-offset="64"/);
  const c3 = await codes(page);
  expect(c3.iframe).not.toContain('sticky-offset');
  expect(c3.link).not.toContain('sticky-offset');

  // A bad value (the widget's rules): no code until it is fixed.
  for (const [id, bad, label] of [
    ['#f-after-hours-phone', '555 0399 ext 2', 'After-hours line'],
    ['#f-clinic-phone', 'tel:5550300', 'Clinic phone'],
    ['#f-clinic-phone', '5+550300', 'Clinic phone'],
    ['#f-clinic-phone', '5'.repeat(33), 'Clinic phone'],
    ['#f-emergency-number', '1', 'Emergency number'],
    ['#f-emergency-number', '', 'emergency number'],
    ['#f-sticky-offset', '201', 'sticky header'],
    ['#f-sticky-offset', '4em', 'sticky header'],
  ]) {
    const before = await page.locator(id).inputValue();
    await page.locator(id).fill(bad);
    await expect(page.locator('#code'), `${label} "${bad}": no code`).toBeHidden();
    await expect(page.locator('#issues')).toContainText(label);
    expect(await codes(page)).toEqual({ element: '', iframe: '', link: '' });
    await page.locator(id).fill(before);
    await expect(page.locator('#code')).toBeVisible();
  }
  // The phone emptied again: no code, and why.
  await page.locator('#f-clinic-phone').fill('');
  await expect(page.locator('#code')).toBeHidden();
  await expect(page.locator('#issues')).toContainText('Fill in your clinic\'s phone first');
  expect(w.errors, 'console errors').toEqual([]);
});

// ---------------------------------------------------------------- 4. sticky header

/**
 * Scrolls the host page through the widget and reports, at each position
 * where at least the bar's height of the widget is below the page's header,
 * whether the emergency call link of the bar is wholly on screen below the
 * header and is what a tap at its middle reaches (not covered).
 */
async function barAtEachScroll(page) {
  return page.evaluate(async () => {
    const header = document.getElementById('site-header');
    const host = document.getElementById('ic');
    const link = host.shadowRoot.querySelector('a[data-action=call-emergency-bar]');
    const out = [];
    const max = document.documentElement.scrollHeight - innerHeight;
    for (let y = 0; y <= max; y += 60) {
      scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const top = header.getBoundingClientRect().bottom;
      const app = host.shadowRoot.querySelector('.ic-app').getBoundingClientRect();
      const r = link.getBoundingClientRect();
      if (app.bottom - Math.max(top, app.top) < 2 * r.height || app.top > innerHeight - 2 * r.height) continue;
      const hit = host.shadowRoot.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const topHit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      out.push({
        y,
        inView: r.top >= top - 0.5 && r.bottom <= innerHeight + 0.5,
        reached: topHit === host && !!hit && (hit === link || link.contains(hit)),
      });
    }
    return out;
  });
}

test('4. on a page with its own sticky header, sticky-offset keeps the emergency call below it while the page scrolls; without it the header covers the bar', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${H}/sticky.html`);
  const ic = page.locator('#ic');
  // The long red-flag checklist: several screens of page to scroll through.
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  // (the widget's own screen, not the loader's early one: the bar the scan
  // reads must not be replaced under it)
  await widgetMounted(page);
  await expect(ic.locator('[data-setup-notice]')).toHaveCount(0);
  const withOffset = await barAtEachScroll(page);
  expect(withOffset.length, 'scroll positions checked').toBeGreaterThan(8);
  for (const p of withOffset) {
    expect(p.inView && p.reached, `page scrolled to ${p.y}: the emergency call is on screen below the header and not covered`).toBe(true);
  }
  // Focus moved to a new screen's heading stays clear of the header and the bar.
  await ic.locator('.ic-main input[data-option=none]').check();
  await ic.locator('.ic-main button[data-action=next]').click();
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toHaveCount(0);
  const heading = await ic.evaluate((el) => {
    const h = el.shadowRoot.activeElement;
    const bar = el.shadowRoot.querySelector('.ic-emergency').getBoundingClientRect();
    return { tag: h && h.tagName, top: h && h.getBoundingClientRect().top, barBottom: bar.bottom };
  });
  expect(heading.tag).toBe('H2');
  expect(heading.top, 'the new heading is below the bar').toBeGreaterThanOrEqual(heading.barBottom - 1);

  // Without the attribute, the fault this fixes: the header covers the bar.
  await page.evaluate(() => scrollTo(0, 0));
  await ic.evaluate((el) => el.removeAttribute('sticky-offset'));
  await ic.locator('[data-action=restart]').click();
  await ic.locator('[data-action=restart]').click();
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const without = await barAtEachScroll(page);
  expect(without.some((p) => !p.reached), 'without sticky-offset the page header covers the bar somewhere').toBe(true);

  // A bad value: the setup notice, and the bar at the top of the screen.
  for (const bad of ['abc', '-10', '999', '12.5', '4em']) {
    const mark = w.warnings.length;
    await ic.evaluate((el, v) => el.setAttribute('sticky-offset', v), bad);
    await expect(ic.locator('[data-setup-notice]')).toContainText('sticky-offset:');
    expect(w.warnings.slice(mark).some((m) => m.startsWith('infusion-check setup: sticky-offset:')), `a console warning for "${bad}"`).toBe(true);
    const top = await ic.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.ic-emergency')).top);
    expect(top, `"${bad}": the default`).toBe('0px');
  }
  await ic.evaluate((el) => el.setAttribute('sticky-offset', '72px'));
  await expect(ic.locator('[data-setup-notice]')).toHaveCount(0);
  expect(await ic.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.ic-emergency')).top)).toBe('72px');
  expect(w.errors, 'console errors').toEqual([]);
});
