// The custom element on a clinic's page shows the check's first screen as
// soon as its script and stylesheet are there, before the wasm (issue 21):
// built from the build's pkg/first-*.json with DOM calls, with the element's
// own emergency number; the wasm takes over from it with what was ticked.
// If the wasm cannot load, the clinic's own content comes back.
const { test, expect } = require('@playwright/test');
const { servers, watch } = require('./embedding');

test.use({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });

const srv = servers();
let H;
test.beforeAll(async () => {
  await srv.start({ csp: false });
  ({ H } = srv);
});
test.afterAll(async () => {
  await srv.stop();
});

test('before the wasm: the first screen in the shadow root with the element\'s number; a tick and Next carried in', async ({ page }) => {
  const w = watch(page);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${H}/element.html`);
  const ic = page.locator('#ic');
  const screen = ic.locator('[data-prerendered] .ic-main [data-question="red_flags"]');
  await expect(screen.locator('h2')).toHaveText('Do you have ANY of these right now?');
  await expect(ic.locator('[data-prerendered] [data-action=call-emergency-bar]')).toHaveAttribute('href', 'tel:911');
  // The clinic's own content stays, below the screen, until the check has started.
  await expect(page.locator('#clinic-fallback')).toBeVisible();
  const screenBox = await screen.boundingBox();
  const clinicBox = await page.locator('#clinic-fallback').boundingBox();
  expect(clinicBox.y).toBeGreaterThan(screenBox.y + screenBox.height);
  await screen.locator('input[data-option=rf_chest]').check();
  await screen.locator('[data-action=next]').click();
  await expect(ic.locator('[data-prerendered] [data-early-status]')).toHaveText('One moment…');
  release();
  await expect(ic.locator('[data-disposition]')).toHaveAttribute('data-disposition', 'emergency', { timeout: 20_000 });
  await expect(ic.locator('[data-prerendered]')).toHaveCount(0);
  await expect(page.locator('#clinic-fallback')).toBeHidden();
  expect(w.errors).toEqual([]);
});

test('before the wasm, the element\'s own emergency number is on the first screen', async ({ page }) => {
  await page.route('**/*.wasm', () => {}); // never answers
  await page.goto(`${H}/blank.html`);
  await page.setContent(`<!doctype html><html lang="en"><body>
    <script type="module" src="${new URL('/infusion-check.js', srv.W).href}"></script>
    <infusion-check id="ic" clinic-phone="+1 555 0100" emergency-number="112" lang="es"><p id="own">Call us</p></infusion-check></body></html>`);
  const ic = page.locator('#ic');
  await expect(ic.locator('[data-prerendered] h2')).toHaveText(/ALGUNO/, { timeout: 10_000 });
  for (const a of await ic.locator('[data-prerendered] a.ic-call-emergency').all()) {
    await expect(a).toHaveAttribute('href', 'tel:112');
    await expect(a).toContainText('112');
  }
});

test('the wasm cannot load: the clinic\'s own content again, not a first screen whose Next cannot work', async ({ page }) => {
  const w = watch(page);
  await page.route('**/*.wasm', (r) => r.abort());
  await page.goto(`${H}/element.html`);
  await expect.poll(() => w.errors.some((e) => e.includes('could not start'))).toBe(true);
  w.errors.length = 0;
  await expect(page.locator('#clinic-fallback')).toBeVisible();
  await expect(page.locator('#ic').locator('[data-prerendered]')).toHaveCount(0);
  await expect(page.locator('#ic').locator('.ic-main')).toHaveCount(0);
});
