// The read-back code (issue 20): the result shows it with a QR code of the
// nurse's page, the summary carries it, and the nurse's page (nurse.html)
// reads it back in English and Spanish, with axe, and refuses a typo.
const fs = require('fs');
const path = require('path');
const { test, expect, ROOT, openFresh, runFlow, axeBothSchemes, saveAxeLog, widgetMounted, screenKind, choiceOptions } = require('./helpers');

const CASES_FILE = path.resolve(ROOT, '..', 'shared', 'cases', 'magnesium.json');
const { cases } = JSON.parse(fs.readFileSync(CASES_FILE, 'utf8'));

/** Checklist items a case gives one by one go to their checklist's screen. */
function screenAnswers(c) {
  const out = {};
  for (const [k, v] of Object.entries(c.answers)) {
    const list = k.startsWith('fo_') ? 'faint_followup' : ['iv_hard', 'iv_hot', 'iv_pus', 'iv_cool_pale'].includes(k) ? 'iv_signs' : null;
    if (list) out[list] = { ...(out[list] || {}), [k]: v };
    else out[k] = v;
  }
  return out;
}

/** Walks a case in the widget; gives the result's code, outcome and reasons. */
async function codeOfCase(page, id) {
  const c = cases.find((x) => x.id === id);
  await openFresh(page);
  await runFlow(page, screenAnswers(c), {
    fallback: async () => 'not_sure',
  });
  const result = page.locator('main section[data-disposition]');
  const code = await result.locator('[data-readback]').getAttribute('data-readback');
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
  await expect(result.locator('.ic-readback')).toContainText(`Read this code to the nurse: ${code}`);
  // The QR code of the nurse's page, drawn on the phone.
  await expect(result.locator('ic-qr svg')).toBeVisible();
  await expect(result.locator('ic-qr')).toHaveAttribute('aria-label', /QR/);
  // The summary that is copied, shared or printed carries it too.
  await expect(result.locator('[data-summary]')).toContainText(`Code for the nurse's page: ${code}`);
  return {
    code,
    disposition: await result.getAttribute('data-disposition'),
    urgency: await result.getAttribute('data-urgency'),
    reasons: await result.locator('.ic-why [data-rule]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-rule'))),
  };
}

test('a call-now case: the code read back on the nurse page, in English and Spanish, with axe', async ({ page }, testInfo) => {
  const log = [];
  const r = await codeOfCase(page, 'V25');
  expect(r.disposition).toBe('call_clinic');
  expect(r.urgency).toBe('now');
  await page.goto(`/nurse.html#code=${r.code}`);
  const shown = page.locator('.nurse-result');
  await expect(shown).toHaveAttribute('data-disposition', r.disposition);
  await expect(shown).toHaveAttribute('data-urgency', r.urgency);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(shown.locator('h2')).toContainText('Call the clinic now');
  await expect(shown.locator('[data-code]')).toHaveText(r.code);
  await expect(shown.locator('[data-time]')).not.toBeEmpty();
  await expect(shown.locator('[data-protocol]')).toContainText('magnesium');
  const rules = await shown.locator('.nurse-rules [data-rule]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-rule')));
  for (const id of r.reasons) expect(rules, `rule ${id} of the result`).toContain(id);
  expect(await shown.locator('.nurse-answers li').count()).toBeGreaterThan(3);
  await page.screenshot({ path: testInfo.outputPath('nurse-en.png'), fullPage: true });
  await axeBothSchemes(page, 'nurse page (en)', log);
  // Spanish: the same result in the nurse's language.
  await page.locator('button[data-lang=es]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(shown.locator('h2')).toContainText('Llame a la clínica ahora');
  await expect(page.locator('h1')).toContainText('enfermería');
  const rulesEs = await shown.locator('.nurse-rules [data-rule]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-rule')));
  expect(rulesEs).toEqual(rules);
  await page.screenshot({ path: testInfo.outputPath('nurse-es.png'), fullPage: true });
  await axeBothSchemes(page, 'nurse page (es)', log);
  saveAxeLog(testInfo, log);
});

test('the nurse page: a typed code, a typo, and a code that is cut short', async ({ page }, testInfo) => {
  const log = [];
  const r = await codeOfCase(page, 'V01');
  await page.goto('/nurse.html');
  await axeBothSchemes(page, 'nurse page, empty', log);
  const input = page.locator('#nurse-code');
  // Typed loosely: lower case, spaces for dashes.
  await input.fill(r.code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('.nurse-result')).toHaveAttribute('data-disposition', r.disposition);
  // One character misheard: a clear message, and no result.
  const chars = r.code.replace(/-/g, '');
  const wrong = chars.slice(0, 3) + (chars[3] === 'X' ? 'Y' : 'X') + chars.slice(4);
  await input.fill(wrong);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('[data-error=typo]')).toContainText('does not check out');
  await expect(page.locator('.nurse-result')).toHaveCount(0);
  await axeBothSchemes(page, 'nurse page, typo', log);
  // Two neighbours swapped.
  const i = [...chars].findIndex((ch, k) => k > 0 && ch !== chars[k - 1]);
  const swapped = chars.slice(0, i - 1) + chars[i] + chars[i - 1] + chars.slice(i + 1);
  await input.fill(swapped);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('[data-error=typo]')).toBeVisible();
  // Not a code character.
  await input.fill('U' + chars.slice(1));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('[data-error=character]')).toContainText('"U"');
  // In Spanish, the message too.
  await page.locator('button[data-lang=es]').click();
  await input.fill(wrong);
  await page.getByRole('button', { name: 'Mostrar' }).click();
  await expect(page.locator('[data-error=typo]')).toContainText('no cuadra');
  saveAxeLog(testInfo, log);
});

test('the setup page links the nurse page', async ({ page }) => {
  await page.goto('/setup.html');
  await page.locator('#nurse-link').click();
  await expect(page.locator('#nurse-code')).toBeVisible();
});

// Therapy packs (issue 19): a code names the packs of its check; the nurse
// page fetches that selection's language files (web/nurse.js) and reads the
// code with its protocol. Without the service worker, so that what is tested
// is the page's own fetching (and what it keeps for offline).
test.describe('codes of pack checks', () => {
  test.use({ serviceWorkers: 'block' });

  const EVERY_PACK = ['magnesium', 'iron', 'vitamin-c', 'vitamin-drip'];
  const packCases = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'clinical', 'packs', `${file}-cases.json`), 'utf8')).cases;
  /** A pack case's answers by screen (checklist items on their checklist's screen). */
  function packScreenAnswers(c) {
    const ITEM_OF = { iv_hard: 'iv_signs', iv_hot: 'iv_signs', iv_pus: 'iv_signs', iv_cool_pale: 'iv_signs', fe_stain: 'iv_signs' };
    const out = {};
    for (const [k, v] of Object.entries(c.answers)) {
      const list = ITEM_OF[k] || (k.startsWith('fo_') ? 'faint_followup' : null);
      if (list) out[list] = { ...(out[list] || {}), [k]: v };
      else out[k] = v;
    }
    return out;
  }

  /** Walks a pack case on the iframe page (its packs preset, or offered and
   *  picked as "I'm not sure"); gives the result's code and outcome. */
  async function codeOfPackCase(page, file, id) {
    const c = packCases(file).find((x) => x.id === id);
    const packs = c.packs.length && c.packs_known !== false ? c.packs : EVERY_PACK;
    const key = packs.length === 1 ? 'therapy' : 'therapies';
    await page.goto(`/frame.html#clinic-phone=%2B1%20555%200100&lang=en&${key}=${encodeURIComponent(packs.join(' '))}`);
    await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
    await widgetMounted(page);
    const answers = packScreenAnswers(c);
    if (packs.length > 1) answers.therapy = ['not_sure'];
    await runFlow(page, answers, {
      fallback: async (q) => {
        if ((await screenKind(page, q)) !== 'choice') throw new Error(`case ${id} does not answer ${q}`);
        const opts = await choiceOptions(page, q);
        return opts.includes('not_sure') ? 'not_sure' : opts[0];
      },
    });
    const result = page.locator('main section[data-disposition]');
    const code = await result.locator('[data-readback]').getAttribute('data-readback');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
    return {
      code,
      disposition: await result.getAttribute('data-disposition'),
      urgency: await result.getAttribute('data-urgency'),
      reasons: await result.locator('.ic-why [data-rule]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-rule'))),
    };
  }

  /** The browser's own console line for each fetch that fails here (on purpose) is not an error of the page's. */
  function expectFailedFetches(page, watch) {
    page.on('console', (m) => {
      const line = `console.error: ${m.text()}`;
      const i = watch.errors.lastIndexOf(line);
      if (m.type() === 'error' && /^Failed to load resource/.test(m.text()) && i >= 0) watch.errors.splice(i, 1);
    });
  }

  const CHECKS = [
    { name: 'an iron check', file: 'iron', id: 'FE12', selection: 'iron', packs: 'iron', en: /^iron$/, es: /^hierro$/ },
    {
      name: 'an "I\'m not sure" check (every pack)',
      file: 'iron',
      id: 'FE39',
      selection: 'magnesium_iron_vitamin-c_vitamin-drip',
      packs: 'magnesium+iron+vitamin-c+vitamin-drip',
      en: /^magnesium, iron, vitamin C \(high dose\), vitamin drip or fluids$/,
      es: /^magnesio, hierro, vitamina C \(dosis alta\), suero de vitaminas o líquidos$/,
    },
  ];
  for (const k of CHECKS) {
    test(`${k.name}: its code read back on the nurse page with its packs, in English and Spanish, with axe`, async ({ page }, testInfo) => {
      const log = [];
      const r = await codeOfPackCase(page, k.file, k.id);
      const fetched = [];
      page.on('request', (q) => q.url().endsWith('.bin') && fetched.push(new URL(q.url()).pathname));
      await page.goto(`/nurse.html#code=${r.code}`);
      const shown = page.locator('.nurse-result');
      await expect(shown).toHaveAttribute('data-disposition', r.disposition);
      await expect(shown).toHaveAttribute('data-urgency', r.urgency || '');
      await expect(shown.locator('[data-code]')).toHaveText(r.code);
      // Which drip(s) the check was for, in plain words.
      await expect(shown.locator('[data-packs]')).toHaveAttribute('data-packs', k.packs);
      await expect(shown.locator('[data-packs]')).toHaveText(k.en);
      await expect(shown.locator('[data-protocol]')).toContainText(k.packs);
      const rules = await shown.locator('.nurse-rules [data-rule]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-rule')));
      for (const id of r.reasons) expect(rules, `rule ${id} of the result`).toContain(id);
      expect(rules.length).toBeGreaterThan(0);
      expect(await shown.locator('.nurse-answers li').count()).toBeGreaterThan(3);
      // The code's selection's files were fetched (and the magnesium check's, for offline).
      // (the release's names carry the files' hash)
      for (const f of [`${k.selection}-en`, `${k.selection}-reasons-en`]) {
        expect(fetched.some((p) => new RegExp(`^/pkg/${f}(-[0-9a-f]{10})?\\.bin$`).test(p)), `${f} in ${fetched}`).toBe(true);
      }
      await page.screenshot({ path: testInfo.outputPath(`nurse-${k.file}-${k.id}-en.png`), fullPage: true });
      await axeBothSchemes(page, `nurse page, ${k.name} (en)`, log);
      await page.locator('button[data-lang=es]').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      await expect(shown.locator('[data-packs]')).toHaveText(k.es);
      await expect(shown).toHaveAttribute('data-disposition', r.disposition);
      const rulesEs = await shown.locator('.nurse-rules [data-rule]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-rule')));
      expect(rulesEs).toEqual(rules);
      await page.screenshot({ path: testInfo.outputPath(`nurse-${k.file}-${k.id}-es.png`), fullPage: true });
      await axeBothSchemes(page, `nurse page, ${k.name} (es)`, log);
      saveAxeLog(testInfo, log);
    });
  }

  test('a pack file that cannot load (offline, 404) is said plainly, and read once it can', async ({ page, watch }, testInfo) => {
    const log = [];
    const r = await codeOfPackCase(page, 'iron', 'FE12');
    expectFailedFetches(page, watch);
    await page.route('**/pkg/iron-*.bin', (q) => q.abort('internetdisconnected'));
    await page.goto(`/nurse.html#code=${r.code}`);
    const error = page.locator('.nurse-error');
    await expect(error).toHaveAttribute('data-error', 'offline');
    await expect(error).toContainText('offline');
    await expect(error).toContainText('(iron)');
    await expect(page.locator('.nurse-result')).toHaveCount(0);
    await axeBothSchemes(page, 'nurse page, offline', log);
    // Not on the server: the status, said plainly.
    await page.unroute('**/pkg/iron-*.bin');
    await page.route('**/pkg/iron-*.bin', (q) => q.fulfill({ status: 404, body: 'gone' }));
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(error).toHaveAttribute('data-error', 'http');
    await expect(error).toContainText('HTTP 404');
    await expect(page.locator('.nurse-result')).toHaveCount(0);
    // In Spanish too.
    await page.locator('button[data-lang=es]').click();
    await expect(error).toHaveAttribute('data-error', 'http');
    await expect(error).toContainText('(hierro)');
    await page.locator('button[data-lang=en]').click();
    // A file that is not the one built with the page: refused, never read.
    await page.unroute('**/pkg/iron-*.bin');
    await page.route('**/pkg/iron-*.bin', (q) => q.fulfill({ status: 200, body: Buffer.alloc(300, 0x41) }));
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(error).toHaveAttribute('data-error', 'refused');
    await expect(page.locator('.nurse-result')).toHaveCount(0);
    // Back online: Show again reads it.
    await page.unroute('**/pkg/iron-*.bin');
    // (the refused file was given: a reload starts afresh)
    await page.reload();
    await expect(page.locator('.nurse-result')).toHaveAttribute('data-disposition', r.disposition);
    await expect(page.locator('[data-packs]')).toHaveText('iron');
    saveAxeLog(testInfo, log);
  });

  test('offline, a magnesium code still reads, in both languages (its files are fetched when the page opens)', async ({ page, browser, baseURL }) => {
    const mg = await codeOfCase(page, 'V25');
    // The nurse's page in a context of its own (its own HTTP cache: none of
    // the widget's files), which then goes offline.
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const nursePage = await context.newPage();
    const errors = [];
    nursePage.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    nursePage.on('pageerror', (e) => errors.push(e.message));
    await nursePage.goto('/nurse.html');
    await expect(nursePage.locator('#nurse-code')).toBeVisible();
    await nursePage.waitForLoadState('networkidle');
    await context.setOffline(true);
    await nursePage.locator('#nurse-code').fill(mg.code);
    await nursePage.getByRole('button', { name: 'Show' }).click();
    const shown = nursePage.locator('.nurse-result');
    await expect(shown).toHaveAttribute('data-disposition', mg.disposition);
    await expect(shown.locator('[data-packs]')).toHaveText('magnesium');
    await nursePage.locator('button[data-lang=es]').click();
    await expect(shown.locator('h2')).toContainText('Llame a la clínica ahora');
    await expect(shown.locator('[data-packs]')).toHaveText('magnesio');
    expect(errors, 'console errors').toEqual([]);
    await context.close();
  });
});
