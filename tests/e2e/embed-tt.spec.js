// Trusted Types (issue 21): on a host page whose policy enforces them
// (`require-trusted-types-for 'script'`, here with `trusted-types 'none'`:
// no policy may be made either), every HTML string is refused, so the widget
// builds all its markup with DOM calls: the screens (Yew), the result's QR
// code (web/qr.js) and the fallback (src/ui/mod.rs, fallback_node), which the
// loader shows after a crash (web/packs.js). Each test walks the widget on
// such a page, checks that no violation was reported, then forces a crash and
// finds the emergency number, the clinic's phone and its after-hours line;
// last, it assigns an HTML string itself, to prove that the policy was in
// force and that a violation would have been seen.
//
// Served like embed.spec.js (tests/e2e/embedding.js): the widget from one
// 127.0.0.1 origin, the host pages from others (CSP_TT: the strict policy of
// embed.spec.js's 4a plus Trusted Types, as a header).
const { test, expect } = require('@playwright/test');
const { servers, cspFor, TRUSTED_TYPES, watch, walkToResult, panicIn } = require('./embedding');
const { widgetMounted } = require('./helpers');

const VIEWPORT = { width: 390, height: 844 };
test.use({ viewport: VIEWPORT });

const srv = servers();
let W; // the widget's origin
let H; // the host pages' origin (no policy header: the <meta> page)
let CSP_TT; // the host pages with the strict policy and Trusted Types

test.beforeAll(async () => {
  await srv.start({ csp: false, tt: true });
  ({ W, H, CSP_TT } = srv);
});

test.afterAll(async () => {
  await srv.stop();
});

// Every securitypolicyviolation of the page (in each frame), kept in the page.
const VIOLATIONS = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
  }, true);
};

/** No violation so far in `frame` (a page or a frame). */
async function expectNoViolation(frame, label) {
  expect(await frame.evaluate(() => window.__violations), `${label}: policy violations`).toEqual([]);
}

/**
 * Assigns an HTML string in `frame`: refused (a TypeError), and reported as a
 * violation of require-trusted-types-for. The proof that the policy is in
 * force there and that the listener hears it.
 */
async function expectPolicyEnforced(frame, w, label) {
  const refused = await frame.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return 'accepted';
    } catch (e) {
      return e instanceof TypeError ? 'refused' : String(e);
    }
  });
  expect(refused, `${label}: an HTML string is refused`).toBe('refused');
  await expect.poll(() => frame.evaluate(() => window.__violations.map((v) => v.directive)), `${label}: the violation is heard`)
    .toEqual(['require-trusted-types-for']);
  // (the browser's own console line for it)
  const i = w.errors.findIndex((e) => /requires 'TrustedHTML' assignment/.test(e));
  expect(i, `${label}: the browser's console line`).toBeGreaterThanOrEqual(0);
  w.errors.splice(i, 1);
}

/** The result's QR code, drawn: an SVG path of many squares, on screen. */
async function expectQr(scope, label) {
  const svg = scope.locator('[data-disposition] ic-qr svg');
  await expect(svg, `${label}: the QR code`).toBeVisible();
  const qr = await svg.evaluate((s) => ({
    d: (s.querySelector('path') && s.querySelector('path').getAttribute('d')) || '',
    view: s.getAttribute('viewBox'),
    width: s.getBoundingClientRect().width,
    height: s.getBoundingClientRect().height,
    background: getComputedStyle(s).backgroundColor,
  }));
  expect(qr.d.length, `${label}: its squares`).toBeGreaterThan(500);
  expect(qr.view, `${label}: a quiet zone of 4 modules`).toMatch(/^-4 -4 (\d+) \1$/);
  expect(qr.width, `${label}: its size`).toBeGreaterThan(100);
  expect(Math.abs(qr.width - qr.height), `${label}: square`).toBeLessThan(1);
  expect(qr.background, `${label}: on white`).toBe('rgb(255, 255, 255)');
}

/** The fallback after a crash in `scope`: whom to call, as tel: links, in both languages. */
async function expectFallback(scope, label) {
  const box = scope.locator('[data-fallback]');
  await expect(box, `${label}: the fallback`).toBeVisible();
  await expect(scope.locator('.ic-app'), `${label}: the widget is gone`).toHaveCount(0);
  await expect(box.locator('p[lang=en]')).toContainText('The symptom check is not working right now');
  await expect(box.locator('p[lang=es]')).toContainText('La revisión de síntomas no está funcionando');
  await expect(box.locator('a.ic-call-emergency[href="tel:911"]'), `${label}: the emergency number`).toContainText('911');
  await expect(box.locator('a[href="tel:+15550100"]'), `${label}: the clinic's phone`).toHaveText('Demo Infusion Clinic: +1 555 0100');
  await expect(box.locator('a[href="tel:+15550199"]'), `${label}: the after-hours line`).toContainText('+1 555 0199');
  const b = await box.boundingBox();
  expect(b.height, `${label}: not a blank box`).toBeGreaterThan(60);
}


/** Takes the crash's expected console lines out of `w.errors`: the loader's, the panic hook's, the trap. */
function spliceCrash(w) {
  const expected = [/it shows whom to call instead/, /^panicked at/, /^page error: unreachable$/];
  for (const re of expected) {
    const i = w.errors.findIndex((e) => re.test(e));
    if (i >= 0) w.errors.splice(i, 1);
  }
}

/** The emergency result (a red flag), then a fresh check walked to a result that is not one. */
async function twoResults(scope, label) {
  await scope.locator('.ic-main input[data-option=rf_chest]').check();
  await scope.locator('.ic-main button[data-action=next]').click();
  await expect(scope.locator('[data-disposition=emergency]'), `${label}: the emergency result`).toBeVisible();
  await expectQr(scope, `${label}, emergency`);
  await scope.locator('[data-action=restart]').click();
  await scope.locator('[data-action=restart]').click();
  await expect(scope.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await walkToResult(scope);
  await expect(scope.locator('[data-disposition]')).not.toHaveAttribute('data-disposition', 'emergency');
  await expectQr(scope, `${label}, not an emergency`);
}

test('1. custom element, Trusted Types by header: two whole flows (an emergency, and a result with its QR code), no violation; a panic shows whom to call', async ({ page }) => {
  const w = watch(page);
  await page.addInitScript(VIOLATIONS);
  const res = await page.goto(`${CSP_TT}/csp.html`);
  expect(res.headers()['content-security-policy']).toBe(`${cspFor(W, true)}; ${TRUSTED_TYPES}`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  // (the other language's file, loaded and shown)
  await ic.locator('button[data-lang=es]').click();
  await expect(ic.locator('.ic-app')).toHaveAttribute('lang', 'es');
  await ic.locator('button[data-lang=en]').click();
  await twoResults(ic, 'custom element');
  await expectNoViolation(page, 'custom element, the flows');
  expect(w.errors, 'console errors').toEqual([]);

  await panicIn(page, W);
  await expectFallback(ic, 'custom element after a panic');
  spliceCrash(w);
  expect(w.errors, 'console errors beside the crash').toEqual([]);
  await expectNoViolation(page, 'custom element, the fallback');
  await expectPolicyEnforced(page, w, 'custom element');
  expect(w.errors).toEqual([]);
});

test('2. custom element, Trusted Types by <meta>: a panic in a render after a tap shows whom to call; with no language file, the widget\'s own fallback', async ({ page }) => {
  const w = watch(page);
  await page.addInitScript(VIOLATIONS);
  await page.goto(`${H}/trusted-types.html`);
  const ic = page.locator('#ic');
  await expect(ic.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
  await widgetMounted(page); // (a tap on the page's first screen before the wasm renders nothing)
  await page.evaluate(async (origin) => (await import(`${origin}/pkg/infusion_check.js`)).simulate_panic_in_render(), W);
  await ic.locator('.ic-main .ic-check input').first().click();
  await expectFallback(ic, 'a panic in a render');
  spliceCrash(w);
  await expectNoViolation(page, 'a panic in a render');
  await expectPolicyEnforced(page, w, '<meta> policy');
  expect(w.errors, 'console errors').toEqual([]);

  // No language file: the mount shows the fallback it built (no crash).
  await page.route('**/*.bin', (r) => r.abort());
  await page.goto(`${H}/trusted-types.html`);
  await expectFallback(ic, 'no language file');
  await expectNoViolation(page, 'no language file');
  w.errors.splice(0, w.errors.length, ...w.errors.filter((e) => !/Failed to load resource|language file could not load/.test(e)));
  expect(w.errors, 'console errors').toEqual([]);
});

// The widget's own pages (the iframe page, the standalone page) run the same
// loader code and wasm; they are served here with Trusted Types added to
// their response (the widget's site does not send it: their service worker's
// registration would need a policy). No service worker in these contexts.
async function withTrustedTypes(context, path) {
  await context.route((url) => url.origin === W && url.pathname === path, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': TRUSTED_TYPES } });
  });
}

test('3. the iframe page and the standalone page under Trusted Types: a whole flow with its QR code, no violation; a panic shows whom to call', async ({ browser }) => {
  const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  await context.addInitScript(VIOLATIONS);
  await withTrustedTypes(context, '/frame.html');
  await withTrustedTypes(context, '/index.html');
  try {
    // the iframe page, in the clinic's iframe code
    const page = await context.newPage();
    const w = watch(page);
    await page.goto(`${H}/iframe.html`);
    const frame = page.frameLocator('#infusion-check');
    const inner = page.frame({ url: /\/frame\.html/ });
    await expect(frame.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
    await twoResults(frame, 'iframe page');
    await expectNoViolation(inner, 'iframe page, the flows');
    await panicIn(inner, W);
    await expectFallback(frame, 'iframe page after a panic');
    spliceCrash(w);
    await expectNoViolation(inner, 'iframe page, the fallback');
    await expectPolicyEnforced(inner, w, 'iframe page');
    expect(w.errors, 'console errors').toEqual([]);

    // the standalone page
    const page2 = await context.newPage();
    const w2 = watch(page2);
    await page2.goto(`${W}/index.html`);
    const app = page2.locator('infusion-check');
    await expect(app.locator('.ic-main [data-question="red_flags"]')).toBeVisible();
    await twoResults(app, 'standalone page');
    await expectNoViolation(page2, 'standalone page, the flows');
    await panicIn(page2, W);
    await expectFallback(app, 'standalone page after a panic');
    spliceCrash(w2);
    await expectNoViolation(page2, 'standalone page, the fallback');
    await expectPolicyEnforced(page2, w2, 'standalone page');
    expect(w2.errors, 'console errors').toEqual([]);
  } finally {
    await context.close();
  }
});
