// The release as shipped (dist/, from scripts/release: hashed file names, no
// test hooks), not the test build (site/): the Playwright project "dist" runs
// this file (and outcomes.spec.js) against it. scripts/test sets IC_E2E_DIST.
const { test, expect, clearSession, openFresh, setLanguage, runFlow, widgetMounted } = require('./helpers');
const { BY_LEVEL, levelFallback } = require('./flows');

const HASHED = /^\/pkg\/[a-z_-]+-[0-9a-f]{10}\.(wasm|js|bin|json)$/;

test('the release: hashed files only, the first screen before the wasm, no test hooks in the glue', async ({ page, baseURL, watch }) => {
  await page.goto('/');
  // The first screen is in the page itself, before any script runs.
  await expect(page.locator('[data-prerendered] [data-question="red_flags"]')).toBeAttached();
  await widgetMounted(page);
  const origin = new URL(baseURL).origin;
  const pkg = watch.requests.filter((u) => u.startsWith(origin + '/pkg/')).map((u) => new URL(u).pathname);
  expect(pkg.length, 'the widget loaded its files').toBeGreaterThanOrEqual(3);
  for (const p of pkg) expect(p, 'a release file name carries its hash').toMatch(HASHED);
  const glue = pkg.find((p) => p.endsWith('.js'));
  const exported = await page.evaluate(async (url) => Object.keys(await import(url)), glue);
  expect(exported).toContain('mount');
  expect(exported, 'no fail-safe test hook in what clinics ship').not.toContain('simulate_panic');
  expect(exported).not.toContain('simulate_panic_in_render');
  expect(await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__infusionCheck') && k !== '__infusionCheckGuard'))).toEqual([]);
});

for (const lang of ['en', 'es']) {
  test(`${lang}: each outcome through the release`, async ({ page }) => {
    const expected = { emergency: ['emergency', ''], call_now: ['call_clinic', 'now'], call_today: ['call_clinic', 'today'], self_care: ['self_care', ''] };
    for (const [level, answers] of Object.entries(BY_LEVEL)) {
      await clearSession(page);
      await openFresh(page);
      if (lang === 'es') await setLanguage(page, 'es');
      const r = await runFlow(page, answers, { fallback: levelFallback });
      expect([r.disposition, r.urgency], `${lang} ${level}`).toEqual(expected[level]);
      await expect(page.locator('main section[data-disposition] .ic-call-actions a[data-action]').first()).toBeInViewport();
    }
  });
}
