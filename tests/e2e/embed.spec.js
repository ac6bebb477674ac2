// Embedding and fail-safe: the widget on clinics' pages of another origin.
//
// The widget (site/) is served from one 127.0.0.1 origin by
// scripts/static_server.py (CORS, application/wasm), the host pages
// (tests/e2e/hosts/*.html, with the widget's origin filled in) from others:
// a plain one, and two with a strict Content-Security-Policy header (with and
// without 'wasm-unsafe-eval'). Every server is started on a free port and
// stopped at the end (tests/e2e/embedding.js, with the helpers shared with
// embed-faults.spec.js).
//
//  1. a hostile host page's CSS neither breaks the widget nor is broken by it;
//  2. attribute changes after load take effect and keep the answers;
//  3. the iframe page resizes its frame through the host snippet;
//  4. a strict CSP runs it with no violation; without 'wasm-unsafe-eval' the
//     clinic's own content stays;
//  5. JavaScript off: the clinic's content with its tel: links;
//  6. a Rust panic: the fallback with the emergency number and the clinic phone;
//  7. 50+ bad configuration values, by attribute and by fragment;
//  8. no request leaves the two origins;
//  9. the setup page.
const { test, expect } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const { servers, cspFor, SITE, watch, screenOf, answerPlainly, walkToResult } = require('./embedding');
const { widgetMounted } = require('./helpers');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results');

const VIEWPORT = { width: 390, height: 844 };
test.use({ viewport: VIEWPORT });

// The widget's colours (style/infusion-check.css, light scheme).
const DANGER = 'rgb(179, 38, 30)'; // --ic-danger #b3261e
const WHITE = 'rgb(255, 255, 255)';
const INK = 'rgb(27, 31, 36)'; // --ic-ink #1b1f24

const TEL = /^tel:\+?[0-9]+$/;

// ---------------------------------------------------------------- servers

const srv = servers();
let W; // the widget's origin
let H; // the host pages' origin
let CSP_OK; // host pages with a strict CSP that allows wasm
let CSP_NO_WASM; // the same without 'wasm-unsafe-eval'

test.beforeAll(async () => {
  expect(fs.existsSync(path.join(SITE, 'pkg', 'infusion_check_bg.wasm')), 'site/ is built (scripts/build)').toBe(true);
  await srv.start();
  ({ W, H, CSP_OK, CSP_NO_WASM } = srv);
});

test.afterAll(async () => {
  await srv.stop();
});

// ---------------------------------------------------------------- helpers

/** Computed styles of the first element matching `sel` in the shadow root of `host`. */
function shadowStyle(page, hostSel, sel, props) {
  return page.locator(hostSel).evaluate(
    (host, [sel, props]) => {
      const el = host.shadowRoot.querySelector(sel);
      if (!el) return null;
      const cs = getComputedStyle(el);
      const out = { boxHeight: el.getBoundingClientRect().height, boxWidth: el.getBoundingClientRect().width };
      for (const p of props) out[p] = cs.getPropertyValue(p).trim();
      return out;
    },
    [sel, props],
  );
}

const TEXT_PROPS = [
  'font-size', 'font-style', 'font-weight', 'font-family', 'line-height', 'letter-spacing', 'word-spacing',
  'text-transform', 'text-align', 'text-indent', 'text-shadow', 'white-space', 'color',
];

/** The widget's own look, whatever the page around it does. */
async function expectWidgetLook(page, hostSel, label) {
  const app = await shadowStyle(page, hostSel, '.ic-app', [...TEXT_PROPS, 'display']);
  expect(app, `${label}: .ic-app exists`).not.toBeNull();
  expect(app['font-size'], `${label}: .ic-app font-size`).toBe('16px');
  expect(app['line-height'], `${label}: .ic-app line-height`).toBe('24px');
  expect(app['font-family'], `${label}: .ic-app font-family`).toMatch(/^system-ui/);
  expect(app['font-style'], `${label}: .ic-app font-style`).toBe('normal');
  expect(app['font-weight'], `${label}: .ic-app font-weight`).toBe('400');
  expect(app['letter-spacing'], `${label}: .ic-app letter-spacing`).toBe('normal');
  expect(app['word-spacing'], `${label}: .ic-app word-spacing`).toBe('0px');
  expect(app['text-transform'], `${label}: .ic-app text-transform`).toBe('none');
  expect(app['text-align'], `${label}: .ic-app text-align`).toBe('left');
  expect(app['text-indent'], `${label}: .ic-app text-indent`).toBe('0px');
  expect(app['text-shadow'], `${label}: .ic-app text-shadow`).toBe('none');
  expect(app['white-space'], `${label}: .ic-app white-space`).toBe('normal');
  expect(app.color, `${label}: .ic-app color`).toBe(INK);
  expect(app.display, `${label}: .ic-app display`).toBe('block');
  expect(app.boxWidth, `${label}: .ic-app width`).toBeGreaterThan(300);

  const call = await shadowStyle(page, hostSel, 'a[data-action=call-emergency-bar]', [
    'background-color', 'color', 'display', 'min-height', 'text-decoration-line', 'font-weight',
  ]);
  expect(call['background-color'], `${label}: emergency link background`).toBe(DANGER);
  expect(call.color, `${label}: emergency link colour`).toBe(WHITE);
  expect(call.display, `${label}: emergency link display`).toMatch(/^(inline-)?flex$/);
  expect(call.boxHeight, `${label}: emergency link height`).toBeGreaterThanOrEqual(48);
  expect(call['text-decoration-line'], `${label}: emergency link underline`).toBe('none');
  expect(call['font-weight'], `${label}: emergency link weight`).toBe('700');

  const h2 = await shadowStyle(page, hostSel, '.ic-main h2', ['font-size', 'color', 'text-transform']);
  expect(h2['font-size'], `${label}: heading size`).toBe('22px');
  expect(h2.color, `${label}: heading colour`).toBe(INK);
  expect(h2['text-transform'], `${label}: heading case`).toBe('none');

  // Nothing sticks out sideways at a phone's width.
  const overflow = await page.locator(hostSel).evaluate((host) => {
    const app = host.shadowRoot.querySelector('.ic-app');
    return {
      app: app.scrollWidth - app.clientWidth,
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
  expect(overflow.app, `${label}: the widget scrolls sideways`).toBeLessThanOrEqual(1);
  expect(overflow.page, `${label}: the page scrolls sideways`).toBeLessThanOrEqual(1);
}

async function shot(page, name) {
  const dir = path.join(RESULTS, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), fullPage: true });
}

// ---------------------------------------------------------------- 1

test('1. custom element on a hostile host page: renders, completes a flow, keeps its look and leaks nothing', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${H}/hostile.html`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();

  // The widget's stylesheet is in the shadow root, from the widget's origin;
  // the clinic's fallback content is gone once it runs.
  await widgetMounted(page); // (the clinic's content stays below the early screen until then)
  const shadow = await ic.evaluate((el) => ({
    links: [...el.shadowRoot.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href),
    slot: el.shadowRoot.querySelectorAll('slot').length,
  }));
  expect(shadow.links).toEqual([`${W}/style/infusion-check.css`]);
  expect(shadow.slot).toBe(0);
  await expect(page.locator('#ic .clinic-fallback')).toBeHidden();
  // The sticky bar stays in view here: no second copy at the end.
  await expect(ic.locator('a[data-action=call-emergency-end]')).toBeHidden();

  await expectWidgetLook(page, '#ic', 'first screen');
  // The page's own variables of the widget's names do not reach in: its
  // colour is the default (this element sets no accent).
  const colours = await ic.evaluate((el) => {
    const s = getComputedStyle(el.shadowRoot.querySelector('.ic-app'));
    return [s.getPropertyValue('--ic-accent').trim(), s.getPropertyValue('--ic-accent-ink').trim()];
  });
  expect(colours).toEqual(['#0a5c8f', '#ffffff']);
  // The same in the dark setting.
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await ic.evaluate((el) => {
    const s = getComputedStyle(el.shadowRoot.querySelector('.ic-app'));
    return [s.getPropertyValue('--ic-accent').trim(), s.getPropertyValue('--ic-accent-ink').trim()];
  });
  expect(dark).toEqual(['#8cc8f2', '#0b1a26']);
  await page.emulateMedia({ colorScheme: 'light' });

  // Touch targets on the checklist: the items and "None of these" (whole
  // rows, at least 32 px, each as wide as the screen; WCAG 2.5.8 asks 24),
  // Next and the language buttons (48 px).
  for (const [sel, least] of [['label.ic-check', 32], ['label.ic-none', 32], ['button[data-action=next]', 48], ['button[data-lang=es]', 48]]) {
    const s = await shadowStyle(page, '#ic', sel, ['min-height', 'display', 'font-size']);
    expect(s, `${sel} exists`).not.toBeNull();
    expect(parseFloat(s['min-height']), `${sel} min-height`).toBeGreaterThanOrEqual(least);
    expect(s.boxHeight, `${sel} height`).toBeGreaterThanOrEqual(least);
    expect(s.display, `${sel} is displayed`).not.toBe('none');
  }
  const box = await shadowStyle(page, '#ic', 'input[data-option=rf_chest]', ['display']);
  expect(box.display, 'checkboxes are displayed').not.toBe('none');
  expect(box.boxWidth, 'checkbox size').toBeGreaterThanOrEqual(20);

  // A whole flow to a result; option buttons are checked on the way.
  let optionScreens = 0;
  const seen = await walkToResult(ic, async (id) => {
    if (id === 'result') return;
    const opt = await shadowStyle(page, '#ic', `.ic-main [data-question="${id}"] button.ic-option`, [
      'min-height', 'font-size', 'font-style', 'text-transform', 'background-color', 'text-align',
    ]);
    if (opt) {
      optionScreens++;
      expect(parseFloat(opt['min-height']), `${id}: option min-height`).toBeGreaterThanOrEqual(48);
      expect(opt.boxHeight, `${id}: option height`).toBeGreaterThanOrEqual(48);
      expect(opt['font-size'], `${id}: option font-size`).toBe('16px');
      expect(opt['font-style'], `${id}: option font-style`).toBe('normal');
      expect(opt['text-transform'], `${id}: option text-transform`).toBe('none');
      expect(opt['text-align'], `${id}: option text-align`).toBe('left');
      expect(opt['background-color'], `${id}: option background`).toBe(WHITE);
    }
  });
  expect(seen.length, `screens: ${seen.join(' > ')}`).toBeGreaterThan(3);
  expect(optionScreens, 'option buttons were seen').toBeGreaterThan(0);
  await expect(ic.locator('[data-disposition]')).toBeVisible();
  await expectWidgetLook(page, '#ic', 'result');
  const clinicBtn = await shadowStyle(page, '#ic', 'a[data-action=call-clinic]', ['min-height', 'display', 'color']);
  expect(clinicBtn, 'the result has a call-the-clinic button').not.toBeNull();
  expect(clinicBtn.boxHeight).toBeGreaterThanOrEqual(48);
  await expect(ic.locator('a[data-action=call-clinic]')).toHaveAttribute('href', 'tel:+15550100');

  // The host page is untouched: its own text keeps its own style, and none of
  // the widget's rules reached the document's stylesheets.
  for (const id of ['#host-note', '#host-note-after']) {
    const hs = await page.locator(id).evaluate((p) => {
      const cs = getComputedStyle(p);
      return {
        color: cs.color, fontSize: cs.fontSize, fontStyle: cs.fontStyle, fontFamily: cs.fontFamily,
        letterSpacing: cs.letterSpacing, textTransform: cs.textTransform, lineHeight: cs.lineHeight,
      };
    });
    expect(hs, `host ${id}`).toEqual({
      color: 'rgb(0, 128, 0)', fontSize: '13px', fontStyle: 'italic', fontFamily: '"Comic Sans MS", Papyrus, fantasy',
      letterSpacing: '3.9px', textTransform: 'uppercase', lineHeight: '48.1px',
    });
  }
  const h1 = await page.locator('#host-header h1').evaluate((e) => [getComputedStyle(e).fontSize, getComputedStyle(e).color]);
  expect(h1).toEqual(['40px', 'rgb(255, 0, 0)']);
  const sheets = await page.evaluate(() => {
    const out = { count: document.styleSheets.length, owners: [], icRules: [], hrefs: [] };
    for (const s of document.styleSheets) {
      out.owners.push(s.ownerNode && s.ownerNode.id);
      if (s.href) out.hrefs.push(s.href);
      // Rules naming the widget's classes or properties: only the page's own hostile one.
      for (const r of s.cssRules) if (/\.ic-|--ic-|data-option/.test(r.cssText)) out.icRules.push(r.selectorText);
    }
    out.lightLinks = document.querySelectorAll('link[rel=stylesheet], style:not(#host-theme)').length;
    out.icInLight = document.querySelectorAll('body > :not(infusion-check) [class^="ic-"], body > [class^="ic-"]').length;
    return out;
  });
  expect(sheets, 'the host document has only its own stylesheet').toEqual({
    count: 1, owners: ['host-theme'], hrefs: [], lightLinks: 0, icInLight: 0,
    icRules: ['html', '.ic-app, .ic-option, .ic-emergency, .ic-call-emergency, [data-option]'],
  });

  await shot(page, 'embed-hostile.png');
  expect(w.errors, 'console errors').toEqual([]);
  expect(w.dialogs).toEqual([]);
});

// ---------------------------------------------------------------- 2

test('2. attribute changes after load take effect and keep the answers', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${H}/element.html`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const bar = ic.locator('a[data-action=call-emergency-bar]');
  await expect(bar).toHaveAttribute('href', 'tel:911');
  await expect(bar).toHaveText('Call 911');

  await answerPlainly(ic, 'red_flags');
  const second = await screenOf(ic);
  expect(second).not.toBe('red_flags');
  await answerPlainly(ic, second);
  const third = await screenOf(ic);
  const thirdHeading = await ic.locator('.ic-main h2').first().textContent();

  // emergency-number 911 → 112
  await ic.evaluate((el) => el.setAttribute('emergency-number', '112'));
  await expect(bar).toHaveAttribute('href', 'tel:112');
  await expect(bar).toHaveText('Call 112');
  expect(await screenOf(ic), 'still on the same screen').toBe(third);
  await expect(ic.locator('[data-action=back]')).toBeEnabled();

  // lang en → es
  await ic.evaluate((el) => el.setAttribute('lang', 'es'));
  await expect(ic.locator('.ic-app')).toHaveAttribute('lang', 'es');
  await expect(ic.locator('button[data-lang=es]')).toHaveAttribute('aria-pressed', 'true');
  await expect(bar).toHaveText('Llame al 112');
  await expect(ic.locator('.ic-emergency[role=region] > span')).toHaveText('¿Emergencia?');
  expect(await screenOf(ic), 'still on the same screen after the language change').toBe(third);
  await expect(ic.locator('.ic-main h2').first()).not.toHaveText(thirdHeading);

  // clinic-phone changes the result's call button; the earlier answers are still there.
  await ic.evaluate((el) => el.setAttribute('clinic-phone', '+1 555 0142'));
  expect(await screenOf(ic)).toBe(third);
  await ic.locator('[data-action=back]').click();
  expect(await screenOf(ic)).toBe(second);
  await expect(ic.locator(`.ic-main [data-question="${second}"] [aria-pressed=true], .ic-main [data-question="${second}"] input:checked`).first()).toBeAttached();
  await ic.locator('[data-action=back]').click();
  expect(await screenOf(ic)).toBe('red_flags');
  await expect(ic.locator('.ic-main label.ic-none')).toHaveText('Ninguno de estos');
  // The emergency route shows the new numbers.
  await ic.locator('input[data-option=rf_chest]').check();
  await ic.locator('.ic-main button[data-action=next]').click();
  await expect(ic.locator('[data-disposition]')).toBeVisible();
  await expect(ic.locator('a[data-action=call-emergency]')).toHaveAttribute('href', 'tel:112');
  await expect(ic.locator('a[data-action=call-clinic]')).toHaveAttribute('href', 'tel:+15550142');

  // lang es → en again, on the result.
  await ic.evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(ic.locator('.ic-app')).toHaveAttribute('lang', 'en');
  await expect(bar).toHaveText('Call 112');
  await expect(ic.locator('[data-disposition]')).toBeVisible();

  expect(w.errors, 'console errors').toEqual([]);
  expect(w.warnings.filter((m) => m.startsWith('infusion-check')), 'setup warnings').toEqual([]);
});

// ---------------------------------------------------------------- 3

test('3. the iframe page resizes its frame through the host snippet as screens change', async ({ page }) => {
  const w = watch(page);
  await page.addInitScript(() => {
    if (window !== window.top) return;
    window.__heights = [];
    addEventListener('message', (e) => {
      if (e.data && e.data.type === 'infusion-check:height') window.__heights.push(e.data.height);
    });
  });
  await page.goto(`${H}/iframe.html`);
  const frame = page.frameLocator('#infusion-check');
  await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();

  /** Waits until the frame's height is the last reported one and the content's; returns it. */
  async function settled(label) {
    await page.waitForFunction(() => {
      const f = document.getElementById('infusion-check');
      const h = window.__heights[window.__heights.length - 1];
      return typeof h === 'number' && Math.abs(f.getBoundingClientRect().height - Math.min(h, innerHeight)) <= 3;
    });
    const content = await page.frame({ url: /\/frame\.html/ }).evaluate(() =>
      Math.ceil(document.documentElement.getBoundingClientRect().height));
    // The frame follows the content (the observer may report a moment later).
    await expect.poll(async () => page.evaluate(() => window.__heights[window.__heights.length - 1]), {
      message: `${label}: reported height = content height`,
    }).toBeGreaterThanOrEqual(content - 3);
    const s = await page.evaluate(() => {
      const f = document.getElementById('infusion-check');
      return { style: f.style.height, box: f.getBoundingClientRect().height, heights: [...window.__heights] };
    });
    for (const h of s.heights) {
      expect(typeof h, `${label}: reported heights are numbers`).toBe('number');
      expect(Number.isFinite(h) && h > 0, `${label}: height ${h}`).toBe(true);
    }
    const last = s.heights[s.heights.length - 1];
    expect(s.style, `${label}: style height`).toMatch(/^\d+(\.\d+)?px$/);
    expect(Math.abs(parseFloat(s.style) - last), `${label}: style ${s.style} vs last reported ${last}`).toBeLessThanOrEqual(3);
    // The frame is as tall as its content, up to the screen's height (the
    // snippet's max-height): a longer screen scrolls inside the frame.
    const screen = await page.evaluate(() => innerHeight);
    const expected = Math.min(content, screen);
    expect(Math.abs(s.box - expected), `${label}: frame ${s.box} vs content ${content} (screen ${screen})`).toBeLessThanOrEqual(3);
    const inner = await page.frame({ url: /\/frame\.html/ }).evaluate(() => ({
      scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight,
    }));
    if (content <= screen) {
      expect(inner.scroll - inner.client, `${label}: a short screen does not scroll inside the frame`).toBeLessThanOrEqual(3);
    } else {
      expect(inner.scroll - inner.client, `${label}: a long screen scrolls inside the frame`).toBeGreaterThan(3);
    }
    return last;
  }

  const tall = await settled('red-flag checklist');
  expect(tall, 'the checklist is tall').toBeGreaterThan(900);
  const reportsBefore = await page.evaluate(() => window.__heights.length);

  await frame.locator('.ic-main input[data-option=none]').check();
  await frame.locator('.ic-main button[data-action=next]').click();
  const next = await screenOf(frame);
  expect(next).not.toBe('red_flags');
  await page.waitForFunction((n) => window.__heights.length > n, reportsBefore);
  const short = await settled(`after "None of these" (${next})`);
  expect(short, `the frame shrank from ${tall}`).toBeLessThan(tall - 100);

  // The emergency number is also at the end of every screen in the frame
  // (held at the frame's bottom while a long screen scrolls inside it).
  const end = frame.locator('a[data-action=call-emergency-end]');
  await expect(end).toBeVisible();
  await expect(end).toHaveAttribute('href', 'tel:911');

  // On to the result (long again): the frame grows.
  await walkToResult(frame);
  await expect(end).toBeVisible();
  const result = await settled('result');
  expect(result, `the frame grew from ${short} for the result`).toBeGreaterThan(short);

  // The host's content below the frame sits right under it.
  const gap = await page.evaluate(() => {
    const f = document.getElementById('infusion-check').getBoundingClientRect();
    const p = document.getElementById('frame-numbers');
    return p.getBoundingClientRect().top - f.bottom - parseFloat(getComputedStyle(p).marginTop);
  });
  // (an iframe is inline: a few pixels of line descent below it)
  expect(gap, 'the gap between the frame and the page text below it').toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThanOrEqual(8);

  // Messages from other windows are ignored by the snippet.
  const before = await page.evaluate(() => document.getElementById('infusion-check').style.height);
  await page.evaluate(() => window.postMessage({ type: 'infusion-check:height', height: 5 }, '*'));
  await page.waitForFunction(() => window.__heights.includes(5));
  expect(await page.evaluate(() => document.getElementById('infusion-check').style.height)).toBe(before);

  expect(w.errors, 'console errors').toEqual([]);
});

test('3b. in the iframe, an emergency number is on screen wherever the host page and the frame are scrolled', async ({ page }) => {
  await page.goto(`${H}/iframe.html`);
  const frame = page.frameLocator('#infusion-check');
  await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const inner = page.frame({ url: /\/frame\.html/ });
  // The long red-flag checklist, then (shorter) the next screen, then the result.
  for (const stage of ['checklist', 'next screen', 'result']) {
    if (stage === 'next screen') {
      await frame.locator('.ic-main input[data-option=none]').check();
      await frame.locator('.ic-main button[data-action=next]').click();
    }
    if (stage === 'result') await walkToResult(frame);
    // The frame has taken its new height: its content's, up to the screen's.
    await expect.poll(async () => {
      const content = await inner.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      return page.evaluate((c) => Math.abs(document.getElementById('infusion-check').getBoundingClientRect().height - Math.min(c, innerHeight)), content);
    }).toBeLessThanOrEqual(3);
    const innerMax = await inner.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    const hostMax = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    let checked = 0;
    for (const innerY of [0, Math.round(innerMax / 2), innerMax]) {
      await inner.evaluate((y) => scrollTo(0, y), innerY);
      for (let hostY = 0; hostY <= hostMax + 80; hostY += 80) {
        await page.evaluate((y) => scrollTo(0, y), hostY);
        // Every tel:911 link, in the host page or in the frame, in host-viewport
        // coordinates; at least one must be wholly on screen.
        const frameBox = await page.evaluate(() => {
          const r = document.getElementById('infusion-check').getBoundingClientRect();
          return { top: r.top, left: r.left, bottom: r.bottom };
        });
        const inFrame = await inner.evaluate(() => [...document.querySelectorAll('a[href="tel:911"]')]
          .filter((a) => a.getClientRects().length > 0)
          .map((a) => { const r = a.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; }));
        const inHost = await page.evaluate(() => [...document.querySelectorAll('a[href="tel:911"]')]
          .map((a) => { const r = a.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; }));
        const screen = await page.evaluate(() => innerHeight);
        const onScreen = (r) => r.top >= -1 && r.bottom <= screen + 1;
        const visible = inHost.some(onScreen) || inFrame.some((r) => {
          // (clipped by the frame's own box, too)
          const top = frameBox.top + r.top;
          const bottom = frameBox.top + r.bottom;
          return top >= frameBox.top - 1 && bottom <= frameBox.bottom + 1 && onScreen({ top, bottom });
        });
        expect(visible, `${stage}: host scrolled to ${hostY}, frame to ${innerY}: no emergency number on screen`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  }
});

test('3c. a dark clinic colour stays visible in the dark setting: lightened to AA, not a navy button on a near-black screen', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${W}/frame.html#clinic-phone=555-010-0100&accent=%23000080`);
  await expect(page.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const m = await page.evaluate(() => {
    const rgb = (c) => c.match(/\d+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const app = document.querySelector('.ic-app');
    const next = getComputedStyle(document.querySelector('.ic-main button[data-action=next]'));
    // (the chosen language's outline: the clinic's colour as a border)
    const none = getComputedStyle(document.querySelector('.ic-lang button[aria-pressed=true]'));
    const bg = rgb(getComputedStyle(app).backgroundColor);
    return {
      buttonOnPage: ratio(rgb(next.backgroundColor), bg),
      textOnButton: ratio(rgb(next.color), rgb(next.backgroundColor)),
      outlineOnPage: ratio(rgb(none.borderTopColor), bg),
    };
  });
  // WCAG 1.4.11 (3:1 for a control's edge) and 1.4.3 (4.5:1 for its words).
  expect(m.buttonOnPage, 'Next against the page').toBeGreaterThanOrEqual(3);
  expect(m.textOnButton, 'the words on Next').toBeGreaterThanOrEqual(4.5);
  expect(m.outlineOnPage, '"None of these" outline against the page').toBeGreaterThanOrEqual(3);
});

// ---------------------------------------------------------------- 4

const VIOLATIONS = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile });
  }, true);
};

test('4a. strict CSP (own origin + wasm-unsafe-eval): runs a whole flow with no violation', async ({ page }) => {
  const w = watch(page);
  await page.addInitScript(VIOLATIONS);
  const res = await page.goto(`${CSP_OK}/csp.html`);
  expect(res.headers()['content-security-policy']).toBe(cspFor(W, true));
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await expectWidgetLook(page, '#ic', 'under CSP');
  // The clinic's colour (set through CSSOM, no inline style) is applied, darkened to AA.
  const accent = await ic.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.ic-app')).getPropertyValue('--ic-accent').trim());
  expect(accent).toMatch(/^#[0-9a-f]{6}$/);
  expect(accent).not.toBe('#ffdd00');
  await ic.locator('button[data-lang=es]').click();
  await expect(ic.locator('.ic-app')).toHaveAttribute('lang', 'es');
  await ic.locator('button[data-lang=en]').click();
  await walkToResult(ic);
  await expect(ic.locator('[data-disposition]')).toBeVisible();
  await ic.locator('[data-action=back]').click();
  await expect(ic.locator('.ic-main [data-question]').first()).toBeVisible();
  await ic.locator('[data-action=restart]').click();
  await ic.locator('[data-action=restart]').click();
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const violations = await page.evaluate(() => window.__violations);
  expect(violations, 'CSP violations').toEqual([]);
  expect(w.errors, 'console errors').toEqual([]);
  expect(w.requests.filter((u) => !u.startsWith(CSP_OK + '/') && !u.startsWith(W + '/') && !u.startsWith('data:'))).toEqual([]);
});

test('4b. strict CSP without wasm-unsafe-eval: the clinic\'s own content stays, no blank box', async ({ page }) => {
  const w = watch(page);
  await page.addInitScript(VIOLATIONS);
  const res = await page.goto(`${CSP_NO_WASM}/csp.html`);
  expect(res.headers()['content-security-policy']).toBe(cspFor(W, false));
  // The loader gives up (wasm is blocked) and says so.
  await expect.poll(() => w.errors.some((e) => e.includes('infusion-check could not start')), {
    message: 'the loader reports that it could not start',
  }).toBe(true);
  const violations = await page.evaluate(() => window.__violations);
  expect(violations.some((v) => /script-src|wasm/.test(v.directive)), JSON.stringify(violations)).toBe(true);

  await expect(page.locator('#fallback-emergency')).toBeVisible();
  await expect(page.locator('#fallback-emergency')).toHaveAttribute('href', 'tel:911');
  await expect(page.locator('#fallback-clinic')).toBeVisible();
  await expect(page.locator('#fallback-clinic')).toHaveAttribute('href', 'tel:+15550100');
  await expect(page.locator('#clinic-fallback')).toContainText('If you feel unwell');
  await expect(page.locator('#ic .ic-app')).toHaveCount(0);
  const box = await page.locator('#ic').evaluate((el) => ({
    height: el.getBoundingClientRect().height,
    slot: el.shadowRoot ? el.shadowRoot.querySelectorAll('slot').length : -1,
  }));
  expect(box.slot, 'the slot (clinic content) is still in the shadow root').toBe(1);
  expect(box.height, 'not a blank or collapsed box').toBeGreaterThan(40);
  expect(w.dialogs).toEqual([]);
});

test('4c. the iframe page with its wasm blocked: the fragment\'s emergency number and clinic phone as links', async ({ browser }) => {
  // (no service worker: it would serve the wasm past the blocked route)
  const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  const w = watch(page);
  await page.route('**/*.wasm', (r) => r.abort());
  await page.goto(`${W}/frame.html#clinic-name=Demo%20%3Cb%3EClinic&clinic-phone=%2B1%20555%200100&emergency-number=112`);
  await expect.poll(() => w.errors.some((e) => e.includes('infusion-check could not start'))).toBe(true);
  const box = page.locator('.ic-fallback-box');
  await expect(box).toContainText('If you feel unwell');
  const emergency = box.locator('a.ic-call-emergency');
  await expect(emergency).toHaveAttribute('href', 'tel:112');
  await expect(emergency).toContainText('112');
  const clinic = box.locator('a[href="tel:+15550100"]');
  await expect(clinic).toBeVisible();
  // A name with markup is not shown at all (as the widget does).
  await expect(clinic).toHaveText('Clinic / Clínica: +1 555 0100');
  await expect(box.locator('b')).toHaveCount(0);
  w.errors.length = 0; // the loader's own report, expected here
  // A bad number in the fragment: the default emergency number, no clinic link.
  await page.goto('about:blank');
  await page.goto(`${W}/frame.html#clinic-phone=javascript%3Aalert(1)&emergency-number=abc`);
  await expect(page.locator('.ic-fallback-box a.ic-call-emergency')).toHaveAttribute('href', 'tel:911');
  await expect(page.locator('.ic-fallback-box a')).toHaveCount(1);
  await context.close();
});

// ---------------------------------------------------------------- 5

test('5. JavaScript disabled: the clinic\'s content with the emergency number and the clinic phone', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORT, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${H}/element.html`);
    await expect(page.locator('#clinic-fallback')).toBeVisible();
    await expect(page.locator('#clinic-fallback')).toContainText('If you feel unwell after your drip, call.');
    for (const [id, href, text] of [
      ['#fallback-emergency', 'tel:911', '911'],
      ['#fallback-clinic', 'tel:+15550100', '+1 555 0100'],
    ]) {
      const a = page.locator(id);
      await expect(a).toBeVisible();
      await expect(a).toHaveAttribute('href', href);
      await expect(a).toContainText(text);
      const b = await a.boundingBox();
      expect(b.height).toBeGreaterThan(0);
    }
    await expect(page.locator('#ic .ic-app')).toHaveCount(0);
    expect(requests.some((u) => u.includes('.wasm')), 'no wasm is fetched').toBe(false);
    // The iframe code carries the two numbers beside the frame.
    await page.goto(`${H}/iframe.html`);
    for (const href of ['tel:911', 'tel:+15550100']) {
      await expect(page.locator(`#frame-numbers a[href="${href}"]`)).toBeVisible();
    }
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------- 6

// A panic where a real one would happen: inside a call from the browser (a
// timer here; a tap or Yew's scheduler in life), not from the test's own code.
// The release wasm aborts at once: the trap reaches the page as an uncaught
// WebAssembly.RuntimeError, which the loader turns into the fallback.
async function panicIn(frameOrPage) {
  return frameOrPage.evaluate(async (origin) => {
    const m = await import(`${origin}/pkg/infusion_check.js`);
    return new Promise((resolve) => {
      addEventListener('error', (ev) => resolve(String(ev.error)), { once: true });
      setTimeout(() => {
        m.simulate_panic();
        resolve('no panic');
      });
    });
  }, W);
}

async function expectFallback(scope, label) {
  const fb = scope.locator('[data-fallback]').first();
  await expect(fb, `${label}: fallback`).toBeVisible();
  await expect(scope.locator('.ic-app'), `${label}: the widget is gone`).toHaveCount(0);
  await expect(fb).toContainText('The symptom check is not working right now');
  await expect(fb).toContainText('La revisión de síntomas no está funcionando en este momento');
  const emergency = fb.locator('a[href="tel:911"]');
  await expect(emergency).toBeVisible();
  await expect(emergency).toContainText('911');
  const clinic = fb.locator('a[href="tel:+15550100"]');
  await expect(clinic).toBeVisible();
  await expect(clinic).toContainText('+1 555 0100');
  const hrefs = await fb.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const h of hrefs) expect(h).toMatch(TEL);
  const b = await fb.boundingBox();
  expect(b.height, `${label}: not a blank box`).toBeGreaterThan(60);
}

test('6. a Rust panic shows the fallback with the emergency number and the clinic phone', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${H}/element.html`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await answerPlainly(ic, 'red_flags');
  await screenOf(ic);
  const thrown = await panicIn(page);
  expect(thrown, 'simulate_panic aborts').not.toBe('no panic');
  await expectFallback(ic, 'custom element');
  // It is styled by the widget's stylesheet (a red-bordered box), inside the shadow root.
  const fbStyle = await shadowStyle(page, '#ic', '.ic-fallback-box', ['border-top-color', 'font-size', 'display']);
  expect(fbStyle['border-top-color']).toBe(DANGER);
  expect(fbStyle['font-size']).toBe('16px');
  const inShadow = await ic.evaluate((el) => !!el.shadowRoot.querySelector('[data-fallback] a[href="tel:911"]'));
  expect(inShadow).toBe(true);
  expect(thrown, 'a trap, not a JS error').toContain('RuntimeError');
  expectOneCrash(w);

  // The iframe page too.
  const { page2, w2, frame } = await framePage(page);
  // (the iframe's first screen is the page's own until the wasm has mounted:
  // a panic before that would find no check to replace)
  await widgetMounted(page2.frame({ url: /\/frame\.html/ }));
  const thrown2 = await panicIn(page2.frame({ url: /\/frame\.html/ }));
  expect(thrown2).not.toBe('no panic');
  await expectFallback(frame, 'iframe');
  // The frame is resized to the fallback, not left at the old height or 0.
  const content = await page2.frame({ url: /\/frame\.html/ }).evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await expect.poll(() => page2.locator('#infusion-check').evaluate((f) => f.getBoundingClientRect().height)).toBeLessThanOrEqual(content + 3);
  expect(content).toBeGreaterThan(60);
  expectOneCrash(w2);
  expect([...w.dialogs, ...w2.dialogs]).toEqual([]);
});

// The iframe host page in a new tab of `page`'s browser, at its first screen.
async function framePage(page) {
  const page2 = await page.context().newPage();
  const w2 = watch(page2);
  await page2.goto(`${H}/iframe.html`);
  const frame = page2.frameLocator('#infusion-check');
  await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  return { page2, w2, frame };
}

// The loader's own line, once, and the trap itself: nothing else went wrong.
function expectOneCrash(w) {
  const stopped = w.errors.filter((e) => e.includes('it shows whom to call instead'));
  expect(stopped, 'the fallback was shown by the loader, once').toHaveLength(1);
  expect(stopped[0]).toContain('RuntimeError');
  // A Rust panic is first logged by Yew's panic hook (console_error_panic_hook, as published).
  const hook = w.errors.filter((e) => e.startsWith('panicked at'));
  expect(hook.length, "Yew's panic hook's message, at most once").toBeLessThanOrEqual(1);
  expect(w.errors.filter((e) => !stopped.includes(e) && !hook.includes(e)), 'other errors').toEqual(['page error: unreachable']);
}

// Where a real bug would be: in a render, after a tap, inside Yew's scheduler
// (which a trap leaves stopped for good). The fallback then stays: no more wasm
// runs on the page, whatever changes after (an attribute, the element moved,
// the frame's fragment).
test('6b. a panic in a render after a tap shows the fallback, and it stays through attribute, move and fragment changes', async ({ page }) => {
  const w = watch(page);
  await page.goto(`${H}/element.html`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await widgetMounted(page); // (a tap on the page's first screen before the wasm renders nothing)
  await page.evaluate(async (origin) => (await import(`${origin}/pkg/infusion_check.js`)).simulate_panic_in_render(), W);
  await ic.locator('.ic-main .ic-check input').first().click();
  await expectFallback(ic, 'render panic');
  expectOneCrash(w);
  // An attribute change: the fallback stays, with no new call into the wasm.
  await page.locator('#ic').evaluate((el) => el.setAttribute('clinic-phone', '+1 555 0111'));
  await expect(ic.locator('[data-fallback] a[href="tel:911"]')).toBeVisible();
  await expect(ic.locator('.ic-app')).toHaveCount(0);
  // Moved on the page (disconnected, connected again): the clinic's own content.
  await page.locator('#ic').evaluate((el) => document.body.append(el));
  await expect(page.locator('#fallback-emergency')).toBeVisible();
  await expect(page.locator('#fallback-clinic')).toBeVisible();
  await expect(ic.locator('.ic-app')).toHaveCount(0);
  expectOneCrash(w);

  const { page2, w2, frame } = await framePage(page);
  const f = page2.frame({ url: /\/frame\.html/ });
  await widgetMounted(f); // (a tap on the page's first screen before the wasm renders nothing)
  await f.evaluate(async (origin) => (await import(`${origin}/pkg/infusion_check.js`)).simulate_panic_in_render(), W);
  await frame.locator('.ic-main .ic-check input').first().click();
  await expectFallback(frame, 'iframe render panic');
  expectOneCrash(w2);
  // A new fragment: the frame's own numbers for it, not a blank (or 0 px) frame.
  await f.evaluate(() => {
    location.hash = 'clinic-name=Another%20Clinic&clinic-phone=%2B1%20555%200122&emergency-number=112';
  });
  await expect(frame.locator('a[href="tel:112"]')).toBeVisible();
  await expect(frame.locator('a[href="tel:+15550122"]')).toContainText('Another Clinic: +1 555 0122');
  await expect(frame.locator('.ic-app')).toHaveCount(0);
  await expect.poll(() => page2.locator('#infusion-check').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(60);
  expectOneCrash(w2);
});

// ---------------------------------------------------------------- 7

const future = new Date(Date.now() + 2 * 86_400_000).toISOString();
const past = new Date(Date.now() - 3 * 3_600_000).toISOString();

// key, value, whether it is invalid (a notice naming the key is expected), and for
// emergency-number the tel: link expected (911 when bad). `name`: the clinic
// name expected on the result's call button. `lang`: the language shown.
const BAD = [
  // emergency-number
  { key: 'emergency-number', value: '', invalid: true },
  { key: 'emergency-number', value: '   ', invalid: true },
  { key: 'emergency-number', value: 'javascript:alert(1)', invalid: true },
  { key: 'emergency-number', value: 'tel:911', invalid: true },
  { key: 'emergency-number', value: '911;ext=2', invalid: true },
  { key: 'emergency-number', value: '+1 555 0100 ☎', invalid: true },
  { key: 'emergency-number', value: '<img src=x onerror=alert(1)>', invalid: true },
  { key: 'emergency-number', value: '"><script>alert(1)</script>', invalid: true },
  { key: 'emergency-number', value: '9'.repeat(600), invalid: true },
  { key: 'emergency-number', value: '\u202e211', invalid: true },
  { key: 'emergency-number', value: '9\u200b1\u200b1', invalid: true },
  { key: 'emergency-number', value: '911\u0000', invalid: true },
  { key: 'emergency-number', value: '1', invalid: true },
  { key: 'emergency-number', value: '12+3', invalid: true },
  { key: 'emergency-number', value: '٩١١', invalid: true },
  { key: 'emergency-number', value: '９１１', invalid: true },
  { key: 'emergency-number', value: '911%0Aalert', invalid: true },
  { key: 'emergency-number', value: ' 112 ', invalid: false, tel: 'tel:112' },
  { key: 'emergency-number', value: '+44 (0)20-7946-0000', invalid: false, tel: 'tel:+4402079460000' },
  // clinic-phone
  { key: 'clinic-phone', value: '', invalid: true },
  { key: 'clinic-phone', value: 'javascript:alert(1)', invalid: true },
  { key: 'clinic-phone', value: 'tel:+15550100', invalid: true },
  { key: 'clinic-phone', value: '+1 555 0100 ☎', invalid: true },
  { key: 'clinic-phone', value: '555-0100 x12', invalid: true },
  { key: 'clinic-phone', value: '<img src=x onerror=alert(1)>', invalid: true },
  { key: 'clinic-phone', value: '+1 555 0100\n<script>alert(1)</script>', invalid: true },
  { key: 'clinic-phone', value: '5'.repeat(40), invalid: true },
  { key: 'clinic-phone', value: '+1 555 0100\u202e', invalid: true },
  // after-hours-phone
  { key: 'after-hours-phone', value: '911;ext=2', invalid: true },
  { key: 'after-hours-phone', value: 'data:text/html,<script>alert(1)</script>', invalid: true },
  { key: 'after-hours-phone', value: '+1 555 0199 📞', invalid: true },
  { key: 'after-hours-phone', value: '(555) 0199', invalid: false },
  // clinic-name
  { key: 'clinic-name', value: '', invalid: false, name: 'your clinic' },
  { key: 'clinic-name', value: 'A'.repeat(600), invalid: true, name: 'A'.repeat(80) },
  { key: 'clinic-name', value: '<img src=x onerror=alert(1)>', invalid: true, name: 'your clinic' },
  { key: 'clinic-name', value: '"><script>alert(1)</script>', invalid: true, name: 'your clinic' },
  { key: 'clinic-name', value: '\u202eCinilc omeD', invalid: false, name: 'Cinilc omeD' },
  { key: 'clinic-name', value: 'Demo\u200b\u200d\ufeffClinic', invalid: false, name: 'DemoClinic' },
  { key: 'clinic-name', value: 'Demo\u0000Clinic\n\tNorth', invalid: false, name: 'Demo Clinic North' },
  { key: 'clinic-name', value: 'Clínica 🌈 Sol', invalid: false, name: 'Clínica 🌈 Sol' },
  { key: 'clinic-name', value: '{CLINIC_PHONE} {n} ${alert(1)}', invalid: false, name: '{CLINIC_PHONE} {n} ${alert(1)}' },
  // lang
  { key: 'lang', value: 'fr', invalid: true, lang: 'en' },
  { key: 'lang', value: 'EN-GB-x', invalid: true, lang: 'en' },
  { key: 'lang', value: '<b>', invalid: true, lang: 'en' },
  { key: 'lang', value: 'es\u0000', invalid: true, lang: 'en' },
  { key: 'lang', value: '', invalid: false, lang: 'en' },
  { key: 'lang', value: ' ES ', invalid: false, lang: 'es' },
  // infusion
  { key: 'infusion', value: 'x'.repeat(500), invalid: true },
  { key: 'infusion', value: '<img src=x onerror=alert(1)>', invalid: true },
  { key: 'infusion', value: 'magnesium 🧪 \u202e2 g', invalid: false },
  // ended
  { key: 'ended', value: 'yesterday', invalid: true },
  { key: 'ended', value: '2026-13-40T99:00', invalid: true },
  { key: 'ended', value: '2026-02-30T10:00:00Z', invalid: true },
  { key: 'ended', value: future, invalid: true },
  { key: 'ended', value: '', invalid: true },
  { key: 'ended', value: '<script>alert(1)</script>', invalid: true },
  { key: 'ended', value: '2026-11-25T14:30', invalid: true }, // no time zone: would be read hours off
  { key: 'ended', value: '2026-11-25', invalid: true },
  { key: 'ended', value: past, invalid: false },
  // accent
  { key: 'accent', value: 'red', invalid: true },
  { key: 'accent', value: '#12345', invalid: true },
  { key: 'accent', value: 'url(x)', invalid: true },
  { key: 'accent', value: '#fff;background:url(//example.com/x)', invalid: true },
  { key: 'accent', value: 'expression(alert(1))', invalid: true },
  { key: 'accent', value: '#ffdd00', invalid: false },
  // sticky-offset
  { key: 'sticky-offset', value: 'abc', invalid: true },
  { key: 'sticky-offset', value: '-10', invalid: true },
  { key: 'sticky-offset', value: '201', invalid: true },
  { key: 'sticky-offset', value: '64;top:0', invalid: true },
  { key: 'sticky-offset', value: '64', invalid: false },
];

const GOOD = {
  'clinic-name': 'Demo Infusion Clinic',
  'clinic-phone': '+1 555 0100',
  'after-hours-phone': '+1 555 0199',
  'emergency-number': '911',
  lang: 'en',
};

/** A value for the table: long ones shortened, invisible characters as \u{…}. */
function printable(s) {
  const shown = s.length > 60 ? `${s.slice(0, 24)}…(${s.length} chars)` : s;
  return JSON.stringify(shown)
    .slice(1, -1)
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g,
      (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
}

/** What the widget in `root` (a shadow root or a document) shows; run in the page. */
function inspectWidget(root) {
  const app = root.querySelector('.ic-app');
  const bar = root.querySelector('a[data-action=call-emergency-bar]');
  const notice = root.querySelector('[data-setup-notice]');
  return {
    screen: root.querySelector('.ic-main [data-question]')?.getAttribute('data-question') || null,
    emergencyHref: bar ? bar.getAttribute('href') : null,
    emergencyText: bar ? bar.textContent : null,
    notice: notice ? [...notice.querySelectorAll('li')].map((li) => li.textContent) : [],
    tels: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    payload: [...root.querySelectorAll('img, script, iframe, object, embed, b, [onerror], [src="x"], svg script, style:not(#host-theme)')]
      .map((e) => e.outerHTML.slice(0, 80)),
    text: root.textContent,
    lang: app ? app.getAttribute('lang') : null,
    accent: app ? getComputedStyle(app).getPropertyValue('--ic-accent').trim() : null,
  };
}

function checkShown(c, way, shown, warnings, table) {
  const label = `${way} ${c.key}="${printable(c.value)}"`;
  expect(shown.screen, `${label}: first screen`).toBe('red_flags');
  const expectTel = c.key === 'emergency-number' ? (c.invalid ? 'tel:911' : c.tel) : 'tel:911';
  expect(shown.emergencyHref, `${label}: emergency href`).toBe(expectTel);
  expect(shown.emergencyHref, `${label}: emergency href`).toMatch(TEL);
  for (const t of shown.tels.filter((h) => h.startsWith('tel:'))) expect(t, `${label}: tel: href`).toMatch(TEL);
  expect(shown.tels.filter((h) => !h.startsWith('tel:')), `${label}: non-tel links`).toEqual([]);
  expect(shown.payload, `${label}: elements from the payload`).toEqual([]);
  expect(shown.text, `${label}: raw bidi, zero-width or NUL characters in the text`).not.toMatch(/[\u0000\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
  const noticeForKey = shown.notice.filter((m) => m.startsWith(`${c.key}:`));
  const warnForKey = warnings.filter((m) => m.startsWith(`infusion-check setup: ${c.key}:`));
  if (c.invalid) {
    expect(noticeForKey.length, `${label}: a setup notice names ${c.key} (notice: ${JSON.stringify(shown.notice)})`).toBeGreaterThan(0);
    expect(warnForKey.length, `${label}: a console warning names ${c.key}`).toBeGreaterThan(0);
  } else {
    expect(shown.notice, `${label}: no setup notice for a valid value`).toEqual([]);
    expect(warnForKey, `${label}: no warning for a valid value`).toEqual([]);
  }
  if (c.lang) expect(shown.lang, `${label}: language`).toBe(c.lang);
  if (c.key === 'accent' && !c.invalid) {
    expect(shown.accent, `${label}: accent darkened to AA`).toMatch(/^#[0-9a-f]{6}$/);
    expect(shown.accent).not.toBe(c.value);
  }
  if (c.key === 'accent' && c.invalid) expect(shown.accent, `${label}: default accent`).toBe('#0a5c8f');
  // Each notice line is short, even for a 600-character value.
  for (const m of shown.notice) expect(m.length, `${label}: notice length`).toBeLessThan(400);
  table.push({
    way,
    key: c.key,
    value: printable(c.value),
    emergency_href: shown.emergencyHref,
    tel_links: [...new Set(shown.tels)].join(' '),
    notice: noticeForKey.join(' | ') || (shown.notice.length ? shown.notice.join(' | ') : '(none)'),
    name_on_result: shown.nameOnResult ?? '',
  });
}

test('7. bad configuration values: by attribute and by fragment, the widget stays safe and says what is wrong', async ({ page }) => {
  test.setTimeout(300_000);
  expect(BAD.length).toBeGreaterThanOrEqual(30);
  const w = watch(page);
  const table = [];
  await page.addInitScript(`window.__inspectWidget = ${inspectWidget.toString()};`);

  // ---- custom element attributes
  await page.goto(`${H}/blank.html`);
  await page.waitForFunction(() => !!customElements.get('infusion-check'));
  for (const c of BAD) {
    const mark = w.warnings.length;
    const attrs = { ...GOOD };
    delete attrs[c.key];
    await page.evaluate(([attrs, key, value]) => {
      sessionStorage.clear();
      const bench = document.getElementById('bench');
      bench.replaceChildren();
      const el = document.createElement('infusion-check');
      el.id = 'ic';
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      el.setAttribute(key, value);
      el.innerHTML = '<p><a href="tel:911">Emergency: 911</a></p>';
      bench.append(el);
    }, [attrs, c.key, c.value]);
    const ic = page.locator('#ic');
    await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
    // The check shows at once in a language already loaded, then switches when
    // the configured language's file arrives.
    if (c.lang) await expect(ic.locator('.ic-app')).toHaveAttribute('lang', c.lang);
    await widgetMounted(page);
    const shown = await ic.evaluate((el) => window.__inspectWidget(el.shadowRoot));
    if (c.name !== undefined) {
      // The clinic's name, as plain text, on the emergency result's call button.
      await ic.locator('input[data-option=rf_chest]').check();
      await ic.locator('.ic-main button[data-action=next]').click();
      const btn = ic.locator('a[data-action=call-clinic]');
      await expect(btn).toBeVisible();
      const text = await btn.evaluate((a) => a.firstChild.textContent);
      expect(text, `clinic-name ${printable(c.value)} on the result`).toBe(`Call ${c.name}`);
      shown.nameOnResult = text;
      const after = await ic.evaluate((el) => window.__inspectWidget(el.shadowRoot));
      expect(after.payload, 'no payload element on the result').toEqual([]);
      for (const t of after.tels) expect(t).toMatch(TEL);
      expect(after.text).not.toMatch(/[\u0000\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
    }
    checkShown(c, 'attribute', shown, w.warnings.slice(mark), table);
  }
  await page.evaluate(() => {
    document.getElementById('bench').replaceChildren();
    sessionStorage.clear();
  });
  expect(await page.locator('img, iframe').count(), 'nothing was injected into the host page').toBe(0);

  // ---- iframe fragment
  for (const c of BAD) {
    const mark = w.warnings.length;
    const pairs = Object.entries(GOOD).filter(([k]) => k !== c.key);
    pairs.push([c.key, c.value]);
    const fragment = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    await page.evaluate((src) => {
      const bench = document.getElementById('bench');
      bench.replaceChildren();
      const f = document.createElement('iframe');
      f.id = 'frame';
      f.title = 'Symptom check';
      f.style.cssText = 'width:100%;height:900px;border:0';
      f.src = src;
      bench.append(f);
    }, `${W}/frame.html#${fragment}`);
    const frame = page.frameLocator('#frame');
    await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
    if (c.lang) await expect(frame.locator('.ic-app')).toHaveAttribute('lang', c.lang);
    const handle = page.frame({ url: (u) => u.pathname.endsWith('/frame.html') && u.hash.length > 1 });
    await widgetMounted(handle); // (the first screen shows before the wasm, without the setup notice)
    const shown = await handle.evaluate(() => window.__inspectWidget(document.getElementById('infusion-check')));
    checkShown(c, 'fragment', shown, w.warnings.slice(mark), table);
    await handle.evaluate(() => sessionStorage.clear());
  }

  expect(w.dialogs, 'alert/confirm/prompt dialogs').toEqual([]);
  expect(w.errors, 'console errors').toEqual([]);
  expect(w.requests.filter((u) => !u.startsWith(H + '/') && !u.startsWith(W + '/') && !u.startsWith('data:')),
    'requests elsewhere (e.g. img src=x, url(x))').toEqual([]);

  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'bad-config.json'), JSON.stringify(table, null, 1) + '\n');
  console.log(
    `bad configuration values (${BAD.length} values, ${table.length} checks):\n` +
      table.map((r) => `${r.way.padEnd(9)} ${r.key}="${r.value}" → ${r.emergency_href}; ${r.notice}${r.name_on_result ? ` ; result: "${r.name_on_result}"` : ''}`).join('\n'),
  );
});

// ---------------------------------------------------------------- 8

test('8. no request leaves the widget\'s origin or the host page\'s during a whole flow', async ({ page }) => {
  const requests = [];
  page.context().on('request', (r) => requests.push(r.url()));
  const w = watch(page);
  await page.goto(`${H}/hostile.html`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await ic.locator('button[data-lang=es]').click();
  await expect(ic.locator('.ic-app')).toHaveAttribute('lang', 'es');
  await walkToResult(ic);
  await ic.locator('[data-action=restart]').click();
  await ic.locator('[data-action=restart]').click();
  await ic.locator('input[data-option=rf_chest]').check();
  await ic.locator('.ic-main button[data-action=next]').click();
  await expect(ic.locator('[data-disposition]')).toBeVisible();
  // The iframe page on the same host, too.
  await page.goto(`${H}/iframe.html`);
  const frame = page.frameLocator('#infusion-check');
  await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await walkToResult(frame);

  const origins = new Set(requests.map((u) => (u.startsWith('data:') ? 'data:' : new URL(u).origin)));
  expect([...origins].filter((o) => o !== W && o !== H && o !== 'data:'), `origins: ${[...origins].join(', ')}`).toEqual([]);
  // The recorder saw the widget's own files.
  for (const f of ['/infusion-check.js', '/pkg/infusion_check.js', '/pkg/infusion_check_bg.wasm', '/style/infusion-check.css', '/frame.html']) {
    expect(requests.some((u) => u.startsWith(W + f)), `requested ${f}`).toBe(true);
  }
  expect(requests.some((u) => u.startsWith(H + '/hostile.html'))).toBe(true);
  expect(w.errors, 'console errors').toEqual([]);
});

// ---------------------------------------------------------------- 9

test('9. the setup page: the form updates the snippet, the iframe code, the link, the QR code and the preview', async ({ page, baseURL }) => {
  const w = watch(page);
  const origin = new URL(baseURL).origin;
  await page.goto('/setup.html');
  const preview = page.frameLocator('#preview');
  await expect(preview.locator('.ic-main [data-question="red_flags"]')).toBeVisible();

  await page.locator('#f-clinic-name').fill('Sunrise "Wellness" & <Co>');
  await page.locator('#f-clinic-phone').fill('+1 (555) 010-0200');
  await page.locator('#f-after-hours-phone').fill('555 0299');
  await page.locator('#f-emergency-number').fill('112');
  await page.locator('#f-lang').selectOption('es');
  await page.locator('#f-infusion').fill('magnesium 2 g');
  await page.locator('#f-accent').fill('#aa3300');

  const snippet = page.locator('#out-element');
  await expect(snippet).toHaveValue(/emergency-number="112"/);
  const el = await snippet.inputValue();
  expect(el).toContain(`<script type="module" src="${origin}/infusion-check.js"></script>`);
  expect(el).toContain('clinic-name="Sunrise &quot;Wellness&quot; &amp; &lt;Co&gt;"');
  expect(el).toContain('clinic-phone="+1 (555) 010-0200"');
  expect(el).toContain('after-hours-phone="555 0299"');
  expect(el).toContain('lang="es"');
  expect(el).toContain('infusion="magnesium 2 g"');
  expect(el).toContain('accent="#aa3300"');
  expect(el).toContain('<a href="tel:112">');
  expect(el).toContain('<a href="tel:+15550100200">');
  expect(el).not.toMatch(/<Co>/);
  // The snippet's own fallback content parses to tel: links only.
  const parsed = await page.evaluate((html) => {
    const d = new DOMParser().parseFromString(html, 'text/html');
    const ic = d.querySelector('infusion-check');
    return {
      attrs: Object.fromEntries([...ic.attributes].map((a) => [a.name, a.value])),
      hrefs: [...ic.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      scripts: [...d.querySelectorAll('script')].map((s) => s.getAttribute('src')),
    };
  }, el);
  expect(parsed.attrs['clinic-name']).toBe('Sunrise "Wellness" & <Co>');
  expect(parsed.hrefs).toEqual(['tel:112', 'tel:+15550100200', 'tel:5550299']);
  expect(parsed.scripts).toEqual([`${origin}/infusion-check.js`]);

  const iframeCode = await page.locator('#out-iframe').inputValue();
  const link = await page.locator('#out-link').inputValue();
  const url = new URL(link);
  expect(url.origin + url.pathname).toBe(`${origin}/frame.html`);
  expect(url.search).toBe('');
  const params = Object.fromEntries(url.hash.slice(1).split('&').map((p) => p.split('=').map(decodeURIComponent)));
  expect(params).toEqual({
    'clinic-name': 'Sunrise "Wellness" & <Co>',
    'clinic-phone': '+1 (555) 010-0200',
    'after-hours-phone': '555 0299',
    'emergency-number': '112',
    lang: 'es',
    infusion: 'magnesium 2 g',
    accent: '#aa3300',
  });
  expect(iframeCode).toContain(`<iframe id="infusion-check" src="${link.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`);
  // (copy and share work inside the frame: a browser refuses both to a frame without it)
  expect(iframeCode).toContain(' allow="clipboard-write; web-share" ');
  expect(iframeCode).toContain('infusion-check:height');
  expect(iframeCode).toContain('e.source===f.contentWindow');

  // The QR code: an SVG drawing, redrawn for the new link.
  const qr = await page.locator('#qr svg').evaluate((s) => ({
    paths: s.querySelectorAll('path, rect').length,
    d: [...s.querySelectorAll('path')].map((p) => p.getAttribute('d') || '').join('').length,
    box: s.getBoundingClientRect().width,
  }));
  expect(qr.paths).toBeGreaterThan(0);
  expect(qr.d).toBeGreaterThan(100);
  expect(qr.box).toBeGreaterThan(80);

  // The preview shows the widget with these settings.
  await expect(page.locator('#preview')).toHaveAttribute('src', link);
  await expect(preview.locator('.ic-app')).toHaveAttribute('lang', 'es');
  await expect(preview.locator('a[data-action=call-emergency-bar]')).toHaveAttribute('href', 'tel:112');
  await expect(preview.locator('[data-setup-notice]')).toContainText('clinic-name:');
  await expect(preview.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  const accent = await preview.locator('.ic-app').evaluate((a) => getComputedStyle(a).getPropertyValue('--ic-accent').trim());
  expect(accent).toBe('#aa3300');

  // Another change reaches the preview too.
  const qrBefore = await page.locator('#qr').innerHTML();
  await page.locator('#f-emergency-number').fill('999');
  await expect(preview.locator('a[data-action=call-emergency-bar]')).toHaveAttribute('href', 'tel:999');
  await expect(snippet).toHaveValue(/emergency-number="999"/);
  expect(await page.locator('#qr').innerHTML()).not.toBe(qrBefore);
  // A bad phone is flagged on the page.
  await page.locator('#f-clinic-phone').fill('tel:555');
  await expect(page.locator('#issues')).toContainText('Clinic phone');

  expect(w.dialogs).toEqual([]);
  expect(w.errors, 'console errors').toEqual([]);
});
