// The standalone page's first screen before the wasm (issue 21): the page
// carries it as HTML, rendered at build time by the widget's own components
// (src/bin/prerender.rs), so the patient reads it and can call at once. Boxes
// tick before the wasm is there, and nothing is lost when it takes over
// (web/main.js, src/ui/mount.rs): the wasm is held back here, then let go.
const { test, expect } = require('./helpers');

const SCREEN = '[data-prerendered] .ic-main [data-question="red_flags"]';

/** Holds every .wasm request until the returned function is called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

/** Whether the widget has mounted (it sets the root's variables through CSSOM). */
const mounted = (page) => page.locator('[data-prerendered]').evaluate((el) => el.style.getPropertyValue('--ic-sticky-offset') !== '');

test.describe.configure({ mode: 'parallel' });
test.use({ serviceWorkers: 'block' });

test('before the wasm: the first screen and the emergency call are there; a red flag ticked and Next tapped give the emergency result once it arrives', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/index.html');
  await expect(page.locator(`${SCREEN} h2`)).toHaveText('Do you have ANY of these right now?');
  await expect(page.locator('[data-prerendered] [data-action=call-emergency-bar]')).toHaveAttribute('href', 'tel:911');
  await expect(page.locator('[data-prerendered] [data-action=call-emergency-bar]')).toBeInViewport();
  expect(await mounted(page), 'the wasm is held back').toBe(false);
  await page.locator(`${SCREEN} input[data-option=rf_chest]`).check();
  await page.locator(`${SCREEN} [data-action=next]`).click();
  await expect(page.locator('[data-prerendered] [data-early-status]')).toHaveText('One moment…');
  release();
  const result = page.locator('main section[data-disposition]');
  await expect(result).toHaveAttribute('data-disposition', 'emergency', { timeout: 20_000 });
  await expect(result.locator('[data-item=rf_chest]').first()).toBeVisible();
});

test('before the wasm: "None of these" unticks the others and a tick unticks it; the ticks, "someone else" and focus are there after the hand-over, with no layout shift', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/index.html');
  const box = (o) => page.locator(`[data-prerendered] input[data-option=${o}]`);
  await box('helping_someone').check();
  await box('rf_faint_now').check();
  await box('none').check();
  await expect(box('rf_faint_now')).not.toBeChecked();
  await box('rf_headache_sudden').check();
  await expect(box('none')).not.toBeChecked();
  await box('rf_headache_sudden').focus();
  const scroll = await page.evaluate(() => window.scrollY);
  await page.evaluate(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shift += e.value; }).observe({ type: 'layout-shift' });
  });
  release();
  await expect.poll(() => mounted(page), { timeout: 20_000 }).toBe(true);
  // The same screen, the same ticks, from the widget now (its own render).
  await expect(box('rf_headache_sudden')).toBeChecked();
  await expect(box('helping_someone')).toBeChecked();
  await expect(box('rf_faint_now')).not.toBeChecked();
  await expect(page.locator('[data-prerendered] h2')).toHaveText('Do they have ANY of these right now?');
  expect(await box('rf_headache_sudden').evaluate((el) => el === document.activeElement), 'focus stays on the box').toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBe(scroll);
  expect(await page.evaluate(() => window.__shift), 'layout shift at the hand-over').toBe(0);
  // ... and the check goes on from there.
  await page.locator('[data-prerendered] [data-action=next]').click();
  await expect(page.locator('main section[data-disposition]')).toHaveAttribute('data-disposition', 'emergency');
});

test('before the wasm: Next with nothing ticked gives the error once the wasm is there; a language tapped is taken', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/index.html');
  await page.locator('[data-prerendered] button[data-lang=es]').click();
  await page.locator(`${SCREEN} [data-action=next]`).click();
  release();
  await expect(page.locator('[data-error-summary]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', 'es');
  await expect(page.locator('[data-question="red_flags"] h2.ic-q')).toHaveText(/ALGUNO/);
});

test('the page as the patient first sees it is the widget\'s own first screen: the hand-over changes nothing on screen', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/index.html');
  await expect(page.locator(SCREEN)).toBeVisible();
  const before = await page.locator('[data-prerendered] .ic-app').evaluate((el) => el.outerHTML);
  release();
  await expect.poll(() => mounted(page), { timeout: 20_000 }).toBe(true);
  const after = await page.locator('[data-prerendered] .ic-app').evaluate((el) => el.outerHTML);
  expect(after).toBe(before);
});

test('JavaScript off: whom to call, not a check that cannot run', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.goto('/index.html');
    const box = page.locator('[data-page-fallback]');
    await expect(box).toBeVisible();
    await expect(box.locator('a[href="tel:911"]')).toBeVisible();
    await expect(box.locator('a[href="tel:+15550100"]')).toBeVisible();
    await expect(page.locator(SCREEN)).toBeHidden();
  } finally {
    await context.close();
  }
});

test('the iframe page (and the patient\'s link): the first screen before the wasm, in the fragment\'s language with its emergency number; a tick and Next carried in', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/frame.html#clinic-phone=%2B1%20555%200100&emergency-number=112&lang=es');
  const screen = page.locator('[data-prerendered] .ic-main [data-question="red_flags"]');
  await expect(screen.locator('h2')).toHaveText(/ALGUNO/);
  for (const a of await page.locator('[data-prerendered] a.ic-call-emergency').all()) {
    await expect(a).toHaveAttribute('href', 'tel:112');
    await expect(a).toContainText('112');
    await expect(a).not.toContainText('911');
  }
  expect(await mounted(page), 'the wasm is held back').toBe(false);
  await screen.locator('input[data-option=rf_throat]').check();
  await screen.locator('[data-action=next]').click();
  await expect(page.locator('[data-prerendered] [data-early-status]')).toHaveText('Un momento…');
  release();
  const result = page.locator('main section[data-disposition]');
  await expect(result).toHaveAttribute('data-disposition', 'emergency', { timeout: 20_000 });
  await expect(result.locator('a.ic-call-emergency').first()).toHaveAttribute('href', 'tel:112');
});

test('a Next tapped before the wasm lands on a result with its reasons (from the fetch the page started), and asks for nothing new', async ({ page }) => {
  const release = await holdWasm(page);
  const requests = [];
  await page.goto('/index.html');
  await page.locator(`${SCREEN} input[data-option=rf_chest]`).check();
  await page.locator(`${SCREEN} [data-action=next]`).click();
  page.on('request', (r) => requests.push(r.url()));
  release();
  const result = page.locator('main section[data-disposition]');
  await expect(result).toHaveAttribute('data-disposition', 'emergency', { timeout: 20_000 });
  await expect(result.locator('[data-reasons-loading]')).toHaveCount(0);
  await expect(result.locator('[data-rule]').first()).toBeVisible();
  // (the demo clinic gives every drip: each drip's files are fetched when
  // the check mounts, on every page load whatever the patient did, so that a
  // pick sends nothing; this check's own, the shared core's, is not asked again)
  expect(requests.filter((u) => u.includes('core-reasons')), 'no request for the reasons after the wasm').toEqual([]);
});

test('a check that hangs: after a while the line under Next says so and gives the emergency call, the page shows whom to call, and the check still takes over when it comes', async ({ page }) => {
  await page.clock.install();
  const release = await holdWasm(page);
  await page.goto('/index.html');
  await page.locator(`${SCREEN} input[data-option=rf_faint_now]`).check();
  await page.locator(`${SCREEN} [data-action=next]`).click();
  const status = page.locator('[data-prerendered] [data-early-status]');
  await expect(status).toHaveText('One moment…');
  await expect(page.locator('[data-page-fallback]')).toBeHidden();
  await page.clock.fastForward(9000);
  await expect(status).toHaveAttribute('data-early-status', 'slow');
  await expect(status).toContainText('This is taking longer than usual. If you feel unwell: Call 911');
  await expect(status.locator('a')).toHaveAttribute('href', 'tel:911');
  await expect(page.locator('[data-prerendered] .ic-live').first()).toContainText('taking longer than usual');
  // The page's own box of whom to call (the clinic too), below the screen.
  const box = page.locator('[data-page-fallback]');
  await expect(box).toBeVisible();
  await expect(box.locator('a[href^="tel:"]').nth(1)).toBeVisible();
  release();
  await page.clock.runFor(2000);
  const result = page.locator('main section[data-disposition]');
  await expect(result).toHaveAttribute('data-disposition', 'emergency', { timeout: 20_000 });
  await expect(box).toBeHidden();
  await expect(status).toHaveCount(0);
});
