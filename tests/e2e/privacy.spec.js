// 7: nothing the patient enters leaves the phone. Every test of this suite
// already fails on a request that leaves 127.0.0.1 or on a console error (the
// `watch` fixture in helpers.js); this one looks closer at a whole flow: which
// files load, that answering makes no request at all, and that nothing is kept
// beyond the tab's session storage.
const { test, expect, openFresh, runFlow, setLanguage } = require('./helpers');
const { NO_MODIFIERS, CONTEXT } = require('./flows');

test('a whole flow: only the site’s own files load, and answering sends nothing', async ({ page, context, baseURL, watch }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
  await openFresh(page);
  // Let the service worker (offline cache) finish fetching before counting.
  await page.evaluate(() => ('serviceWorker' in navigator ? navigator.serviceWorker.ready.then(() => true) : true));
  // The Spanish file loads when the patient first picks Spanish.
  await setLanguage(page, 'es');
  await setLanguage(page, 'en');
  // (and the files a pick on the therapy screen can need, fetched with the
  // first screen: a request after the pick would tell the site the pick)
  await page.waitForLoadState('networkidle');
  // (the prefetch for a pick comes a moment after each screen paints: `soon`
  // in web/packs.js; networkidle may have been reached before it)
  await page.waitForTimeout(600);
  const loaded = [...watch.requests];
  const origin = new URL(baseURL).origin;
  for (const url of loaded) expect(url.startsWith(origin + '/') || url.startsWith('data:'), url).toBe(true);
  const paths = loaded.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname);
  expect(paths).toContain('/pkg/infusion_check_bg.wasm');
  expect(paths).toContain('/style/infusion-check.css');
  // The demo clinic gives every drip: the first screen's file is the shared
  // core's; each drip's own (and all of them together) are fetched beside it.
  expect(paths).toContain('/pkg/core-en.bin');
  expect(paths).toContain('/pkg/core-es.bin');
  expect(paths).toContain('/pkg/core-reasons-en.bin');
  for (const sel of ['magnesium', 'iron', 'vitamin-c', 'magnesium_vitamin-drip', 'magnesium_iron_vitamin-c_vitamin-drip']) {
    expect(paths).toContain(`/pkg/${sel}-en.bin`);
    expect(paths).toContain(`/pkg/${sel}-reasons-en.bin`);
  }
  expect(paths).toContain('/qr.js');
  expect(paths).toContain('/vendor/qrcode.mjs');

  const answers = {
    red_flags: {},
    ...CONTEXT,
    ...NO_MODIFIERS,
    symptoms: ['g_headache', 'g_other'],
    ha_severity: 'mild',
    ha_usual: 'yes',
    ha_course: 'better',
    ha_with: [],
    ot_related: 'something_else',
    ot_text: 'Secret: my name is Jane Doe, 12 Main St',
  };
  const r = await runFlow(page, answers);
  expect(r.disposition).toBe('self_care');

  // The summary is copied on the phone (the clipboard), not sent anywhere.
  await page.locator('main [data-action=copy]').click();
  await expect(page.locator('main [data-action=copy]')).not.toHaveText('Copy');
  const summary = await page.locator('main pre[data-summary]').innerText();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(summary.trim())).toBe(true);
  expect(copied).toContain('Answered no:');

  await expect(page.locator('main ic-qr svg')).toBeVisible();
  // No request while answering, not even for the result's QR code library
  // (fetched with the first screen: a request at the result would tell the
  // site that a result was reached, and when). The read-back code stays in
  // the QR code's link, drawn on the phone.
  expect(watch.requests.slice(loaded.length), 'requests made while answering').toEqual([]);

  // Nothing is kept beyond this tab's session: no cookie, no local storage.
  const kept = await page.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: Object.keys(sessionStorage),
    idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
  }));
  expect(kept.cookie).toBe('');
  expect(kept.local).toBe(0);
  expect(kept.idb).toEqual([]);
  expect(kept.session.every((k) => k.startsWith('infusion-check'))).toBe(true);
  // The free text is not in anything the page could have sent (no requests at
  // all), and it stays out of the URL.
  expect(page.url()).not.toContain('Jane');
});
