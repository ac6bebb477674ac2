// Offline: after one visit the check works with no network at all (the
// service worker caches every file of the build); and at 200% zoom (a 195 CSS
// px wide layout on this phone) nothing is lost and nothing scrolls sideways.
const { test, expect, openFresh, runFlow } = require('./helpers');
const { NO_MODIFIERS, CONTEXT } = require('./flows');

const SELF_CARE = { red_flags: {}, ...CONTEXT, ...NO_MODIFIERS, symptoms: ['g_none'], gn_what: 'expected_effect' };

for (const pagePath of ['/', '/frame.html#clinic-phone=%2B1%20555%200100&lang=en']) {
  test(`after one visit, ${pagePath.split('#')[0]} works with no network`, async ({ page, context }) => {
    await page.goto(pagePath);
    await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
    // The service worker has installed (cached every file) and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.reload();
    await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    // Let the online page finish what it fetches after its first screen (the QR
    // library, loaded once the check is ready): a request still in flight when
    // the page reloads is aborted, which is not a request that failed offline.
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    const failed = [];
    page.on('requestfailed', (r) => {
      failed.push(`${r.url()} (${r.failure()?.errorText})`);
    });
    await page.reload();
    await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
    await expect(page.locator('[data-action=call-emergency-bar]').first()).toHaveAttribute('href', /^tel:/);
    const r = await runFlow(page, SELF_CARE);
    expect(r.disposition).toBe('self_care');
    expect(failed, 'no request failed while offline').toEqual([]);
    await context.setOffline(false);
  });
}

test('at 200% zoom nothing is lost and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 195, height: 422 });
  await openFresh(page);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  const r = await runFlow(page, SELF_CARE, {
    onScreen: async () => {
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expect(page.locator('[data-action=call-emergency-bar]').first()).toBeVisible();
    },
  });
  expect(r.disposition).toBe('self_care');
  for (const a of await page.locator('main a[href^="tel:"]').all()) await expect(a).toBeVisible();
});
