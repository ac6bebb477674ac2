// The read-back code (issue 20): the result shows it with a QR code of the
// nurse's page, the summary carries it, and the nurse's page (nurse.html)
// reads it back in English and Spanish, with axe, and refuses a typo.
const fs = require('fs');
const path = require('path');
const { test, expect, ROOT, openFresh, runFlow, axeBothSchemes, saveAxeLog } = require('./helpers');

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
