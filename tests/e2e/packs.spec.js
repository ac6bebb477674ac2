// The protocol's text loads as one file per language beside the wasm
// (pkg/magnesium-en.bin, pkg/magnesium-es.bin). Without them the patient still
// sees whom to call; without the other language the switch says so and the
// check goes on in the language it has.
const { test, expect, openFresh, setLanguage, DEMO } = require('./helpers');

// No service worker here: it would serve the files from its cache (tested in
// offline.spec.js), and these tests are about the files not arriving.
test.use({ serviceWorkers: 'block' });

// Chromium logs a refused download as a console error; those are expected here.
function forgiveFailedLoads(watch) {
  const keep = watch.errors.filter((e) => !/Failed to load resource|ERR_FAILED/.test(e));
  watch.errors.splice(0, watch.errors.length, ...keep);
}

test('with no language file at all, the widget shows the emergency number and the clinic', async ({ page, watch }) => {
  await page.route('**/magnesium-*.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  const box = page.locator('[data-fallback]').first();
  await expect(box).toBeVisible();
  await expect(box.locator(`a[href="${DEMO.emergencyHref}"]`)).toBeVisible();
  await expect(box.locator(`a[href="${DEMO.clinicHref}"]`)).toBeVisible();
  await expect(page.locator('main [data-question]')).toHaveCount(0);
  forgiveFailedLoads(watch);
});

test('a damaged language file is refused: the fallback, never a wrong screen', async ({ page, watch }) => {
  await page.route('**/magnesium-*.bin', (route) => route.fulfill({ status: 200, body: Buffer.alloc(300, 0x41) }));
  await page.goto('/');
  await expect(page.locator(`[data-fallback] a[href="${DEMO.emergencyHref}"]`).first()).toBeVisible();
  await expect(page.locator('main [data-question]')).toHaveCount(0);
  // The refusal is named in the console for the webmaster.
  expect(watch.errors.some((e) => /language file (of \S+ )?was refused/.test(e))).toBe(true);
  watch.errors.splice(0, watch.errors.length);
});

test('when Spanish cannot load, the switch says so, English stays, and a later try works', async ({ page, watch }) => {
  let block = true;
  await page.route('**/magnesium-es.bin', (route) => (block ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await openFresh(page);
  await page.locator('[data-option="rf_chest"]').check();
  await page.locator('button[data-lang=es]').click();
  await expect(page.locator('[data-lang-failed]')).toBeVisible();
  await expect(page.locator('[data-lang-failed]')).toHaveAttribute('role', 'status');
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', 'en');
  await expect(page.locator('button[data-lang=en]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  forgiveFailedLoads(watch);

  block = false;
  await setLanguage(page, 'es');
  await expect(page.locator('[data-lang-failed]')).toHaveCount(0);
  await expect(page.locator('.ic-emergency[role=region] > span')).toHaveText('¿Emergencia?');
  // The tick made before the failed switch is still there.
  await expect(page.locator('[data-option="rf_chest"]')).toBeChecked();
});

test('a patient who chose Spanish: after a reload, Spanish, and whom to call is on screen the whole time', async ({ page }) => {
  await openFresh(page);
  await setLanguage(page, 'es');
  // A slow network: the Spanish file takes 1.5 s.
  await page.route('**/magnesium-es.bin', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.reload({ waitUntil: 'commit' });
  const started = Date.now();
  while (Date.now() - started < 1800) {
    await expect(page.locator(`a[href="${DEMO.emergencyHref}"]`).first()).toBeVisible({ timeout: 1000 });
    await page.waitForTimeout(150);
  }
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', 'es');
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
});

test('a file that arrives after the patient picked another language is not applied', async ({ page }) => {
  await page.route('**/magnesium-es.bin', async (route) => {
    await new Promise((r) => setTimeout(r, 1200));
    await route.continue();
  });
  await openFresh(page);
  await page.locator('button[data-lang=es]').click();
  await page.locator('button[data-lang=en]').click();
  await page.waitForTimeout(2000);
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', 'en');
  await expect(page.locator('button[data-lang=en]')).toHaveAttribute('aria-pressed', 'true');
});

test('when the page asks for Spanish and it cannot load, the check runs in English', async ({ page, watch }) => {
  await page.route('**/magnesium-es.bin', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/frame.html#clinic-phone=%2B1%20555%200100&lang=es');
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', 'en');
  await expect(page.locator(`[data-action=call-emergency-bar]`)).toHaveAttribute('href', DEMO.emergencyHref);
  forgiveFailedLoads(watch);
});
