// The patient's own text size: Chromium with its "font size" setting at 32 px
// (a profile's default_font_size, what a phone's large-text setting does to
// the page's default), at a 320 px wide phone. The widget's text follows it
// (also on a clinic page whose CSS shrinks its own root size), nothing needs
// sideways scrolling, and the emergency call stays on screen.
const { test, expect } = require('@playwright/test');
const { runFlow, setLanguage, textSizeContext } = require('./helpers');
const { CONTEXT, NO_MODIFIERS } = require('./flows');

const VIEWPORT = { width: 320, height: 640 };

let context;

test.beforeAll(async ({ baseURL }) => {
  // (page.route below must see the host page's request: no service worker)
  context = await textSizeContext(baseURL, 32, { viewport: VIEWPORT });
});

test.afterAll(async () => {
  if (context) await context.close();
});

/** Fails when the page scrolls sideways or a call link is cut off. */
async function expectFits(page, label) {
  const m = await page.evaluate(() => {
    const doc = document.documentElement;
    const links = [...document.querySelectorAll('a[href^="tel:"]')]
      .filter((a) => a.getClientRects().length > 0)
      .map((a) => ({ text: a.textContent, right: a.getBoundingClientRect().right, scroll: a.scrollWidth, client: a.clientWidth }));
    return { overflow: doc.scrollWidth - doc.clientWidth, width: innerWidth, links };
  });
  expect(m.overflow, `${label}: sideways scroll`).toBeLessThanOrEqual(1);
  for (const l of m.links) {
    expect(l.right, `${label}: "${l.text}" inside the screen`).toBeLessThanOrEqual(m.width + 1);
    expect(l.scroll - l.client, `${label}: "${l.text}" not cut off`).toBeLessThanOrEqual(1);
  }
}

test('the widget follows the browser\'s text size, fits a 320 px screen, and keeps the emergency call in view', async () => {
  const page = await context.newPage();
  for (const lang of ['en', 'es']) {
    await page.goto('/');
    const app = page.locator('.ic-app');
    await expect(page.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
    await setLanguage(page, lang);
    const size = await app.evaluate((el) => getComputedStyle(el).fontSize);
    expect(size, `${lang}: the widget's text size`).toBe('32px');
    await expectFits(page, `${lang} first screen`);
    const bar = page.locator('a[data-action=call-emergency-bar]');
    await expect(bar).toBeInViewport();
    // Scrolled to the end of the long checklist, the call is still on screen.
    await page.locator('.ic-main input[data-option=none]').scrollIntoViewIfNeeded();
    await expect(bar).toBeInViewport();
    const barBox = await page.locator('.ic-emergency').first().boundingBox();
    expect(barBox.height, `${lang}: the bar leaves room for the question`).toBeLessThanOrEqual(VIEWPORT.height * 0.2);
    // A call-today result (flushing that stays the same): the longest kind.
    await runFlow(page, { red_flags: {}, ...CONTEXT, ...NO_MODIFIERS, symptoms: ['g_flush'], fl_itch: 'no', fl_course: 'same', fl_sweat_heavy: 'no' });
    await expect(page.locator('[data-disposition=call_clinic]')).toBeVisible();
    await expectFits(page, `${lang} result`);
    await page.locator('button[data-action=restart]').click();
    await page.locator('button[data-action=restart]').click();
    // The emergency result: its heading's longest word ("Emergencia:") must
    // wrap, not push the screen sideways.
    await runFlow(page, { red_flags: { rf_chest: 'yes' } });
    await expect(page.locator('[data-disposition=emergency]')).toBeVisible();
    await expectFits(page, `${lang} emergency result`);
    await page.locator('button[data-action=restart]').click();
    await page.locator('button[data-action=restart]').click();
  }
  await page.close();
});

test('with large text, each new question starts in view: its first line below the emergency bar', async () => {
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const seen = [];
  // Mild dizziness that is passing: self-care unless a risk raises it, so the
  // long risk questions (heart pills, other medicines) are asked.
  const flow = { red_flags: {}, ...CONTEXT, ...NO_MODIFIERS, symptoms: ['g_dizzy'], dz_severity: 'mild', dz_pattern: 'only_standing', dz_course: 'better', dz_spin: 'no' };
  await runFlow(page, flow, {
    onScreen: async (id) => {
      if (id === 'red_flags') return; // the first screen: nothing moved yet
      const h2 = id === 'result' ? page.locator('main section[data-disposition] h2') : page.locator(`main [data-question="${id}"] h2`).first();
      await expect(h2).toBeFocused();
      const m = await h2.evaluate((el) => ({
        top: el.getBoundingClientRect().top,
        bar: document.querySelector('.ic-emergency').getBoundingClientRect().bottom,
        height: innerHeight,
      }));
      seen.push(id);
      expect(m.top, `${id}: the heading starts below the emergency bar`).toBeGreaterThanOrEqual(m.bar - 1);
      expect(m.top, `${id}: the heading starts on screen`).toBeLessThan(m.height - 40);
    },
  });
  // The long headings (heart pills, other medicines) were among them.
  expect(seen).toEqual(expect.arrayContaining(['mod_heart_meds', 'mod_other_meds', 'result']));
  await page.close();
});

test('on a clinic page that shrinks its own root text, the custom element still follows the browser\'s size', async ({ baseURL }) => {
  const page = await context.newPage();
  // A host page on the widget's own origin (no CORS needed) whose CSS sets
  // html { font-size: 62.5% } and a small body text.
  await page.route('**/host-small-text.html', (r) => r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Clinic</title><style>html{font-size:62.5%}body{font-size:1.2rem;margin:0}</style></head><body>
      <h1>Clinic</h1><script type="module" src="${baseURL}infusion-check.js"></script>
      <infusion-check id="ic" clinic-phone="+1 555 0100" emergency-number="911"><p><a href="tel:911">911</a></p></infusion-check></body></html>`,
  }));
  await page.goto('/host-small-text.html');
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const size = await ic.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.ic-app')).fontSize);
  expect(size).toBe('32px');
  await expectFits(page, 'custom element');
  await page.close();
});
