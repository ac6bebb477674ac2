// The result a patient can act on at a glance (issue 22): at 390×844 and at
// 200% text, in English and Spanish, the first view holds the outcome once
// (icon and words), its call buttons and one sentence of what to do now.
// The emergency result has one big button (the clinic's number a plain
// link); a rule that fired only through "not sure" says so and names the
// item; answering for someone else, the result speaks about "them"; the
// summary's "no" answers are folded. Screenshots of each first view in
// test-results/result-view/ (and in IC_RESULT_SHOTS when set).
const fs = require('fs');
const path = require('path');
const { test, expect, textSizeContext, RESULTS, clearSession, openFresh, setLanguage, runFlow } = require('./helpers');
const { BY_LEVEL, levelFallback } = require('./flows');

test.describe.configure({ mode: 'parallel' });

const LEVELS = BY_LEVEL;
const fallback = levelFallback;
/** A fresh check in the same tab (its session storage cleared). */
async function fresh(page) {
  await clearSession(page);
  await openFresh(page);
}
const DIRS = [path.join(RESULTS, 'result-view'), process.env.IC_RESULT_SHOTS].filter(Boolean);

/** The first view: the title, the first call and the lead sentence wholly on screen, the title said once. */
async function expectFirstView(page, label) {
  const r = page.locator('main section[data-disposition]');
  await expect(r.locator('.ic-kicker'), `${label}: no kicker`).toHaveCount(0);
  for (const sel of ['h2', '.ic-call-actions a[data-action]', '.ic-lead']) {
    await expect(r.locator(sel).first(), `${label}: ${sel} in the first view`).toBeInViewport({ ratio: 1 });
  }
  const title = (await r.locator('h2').innerText()).trim();
  const lead = await r.locator('.ic-lead').innerText();
  expect(lead, `${label}: the lead does not repeat the title`).not.toContain(title);
  expect(lead.split(/[.;:!?](\s|$)/).filter((s) => s && s.trim()).length, `${label}: one sentence`).toBeLessThanOrEqual(2);
}

async function shoot(page, name) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  for (const d of DIRS) {
    fs.mkdirSync(d, { recursive: true });
    await page.screenshot({ path: path.join(d, `${name}.png`), animations: 'disabled' });
  }
}

for (const lang of ['en', 'es']) {
  test(`${lang}: each result's first view holds the outcome once, its calls and one sentence`, async ({ page }) => {
    for (const [level, answers] of Object.entries(LEVELS)) {
      await fresh(page);
      if (lang === 'es') await setLanguage(page, 'es');
      await runFlow(page, answers, { fallback });
      await expectFirstView(page, `${lang} ${level}`);
      await shoot(page, `${lang}-${level}`);
    }
  });
}

test('emergency: one big button, the clinic a plain link, the red flag named', async ({ page }) => {
  await openFresh(page);
  await runFlow(page, LEVELS.emergency);
  const r = page.locator('main section[data-disposition=emergency]');
  await expect(r.locator('.ic-call-actions .ic-btn')).toHaveCount(1);
  await expect(r.locator('.ic-call-actions .ic-btn')).toHaveAttribute('data-action', 'call-emergency');
  const clinic = r.locator('.ic-call-plain a[data-action=call-clinic]');
  await expect(clinic).toHaveAttribute('href', 'tel:+15550100');
  expect(await clinic.evaluate((a) => a.classList.contains('ic-btn'))).toBe(false);
  await expect(r.locator('[data-rule=E01] [data-item=rf_chest]')).toContainText('Chest pain, pressure or tightness');
});

test('without the reasons\' file (it did not load), the result still says what to do, names the red flag, and the summary has no empty lines', async ({ page, watch }) => {
  const asked = [];
  await page.route('**/pkg/core-reasons-*.bin', (route) => {
    asked.push(route.request().url());
    return route.abort();
  });
  await openFresh(page);
  await runFlow(page, LEVELS.emergency);
  const r = page.locator('main section[data-disposition=emergency]');
  await expect(r.locator('.ic-call-actions a[data-action=call-emergency]')).toBeVisible();
  await expect(r.locator('[data-lead]')).not.toBeEmpty();
  await expect(r.locator('[data-reasons-loading]')).toContainText('What to do does not depend on them');
  await expect(r.locator('.ic-why [data-item=rf_chest]')).toContainText('Chest pain');
  const summary = await r.locator('pre[data-summary]').innerText();
  expect(summary).not.toMatch(/^- *$/m);
  expect(summary).toContain('Chest pain');
  // Asked for with the first screen (and again on the next question while
  // missing), never once the result shows.
  expect(asked.length).toBeGreaterThan(0);
  const before = asked.length;
  await page.waitForTimeout(300);
  expect(asked.length).toBe(before);
  // (the browser's own lines for the refused requests, and only those)
  const refused = watch.errors.filter((e) => e.includes('net::ERR_FAILED'));
  expect(refused.length).toBe(asked.length);
  watch.errors.splice(0, watch.errors.length, ...watch.errors.filter((e) => !refused.includes(e)));
});

test('a rule that fired only through "not sure" says so, and the "no" answers are folded', async ({ page }) => {
  await openFresh(page);
  await runFlow(page, { red_flags: { rf_worried: 'not_sure' }, ctx_time_since_end: '1_to_6h', ctx_at_clinic: 'no', symptoms: ['g_none'] }, { fallback });
  const x01 = page.locator('main [data-rule=X01]');
  await expect(x01).toHaveAttribute('data-unsure', '');
  await expect(x01).toContainText("You weren't sure about a danger sign");
  await expect(x01.locator('[data-item=rf_worried]')).toContainText('seriously wrong');
  await expect(page.locator('main [data-rule=A3]'), 'no second "we were not sure" line').toHaveCount(0);
  const no = page.locator('main details[data-summary-no]');
  await expect(no).not.toHaveAttribute('open', '');
  await expect(no.locator('summary')).toContainText('Answered no');
  await expect(no.locator('pre')).toBeHidden();
  await no.locator('summary').click();
  await expect(no.locator('pre')).toContainText('Are you still at the clinic? No');
  await expect(page.locator('main pre[data-summary]')).not.toContainText('still at the clinic');
  await expect(page.locator('main pre[data-summary]')).toContainText("weren't sure");
});

for (const lang of ['en', 'es']) {
  test(`${lang}: answering for someone else, the result speaks about them`, async ({ page }) => {
    const expectText = {
      en: { emergency: ['stay with them', 'If they are still at the clinic', 'Do not let them drive.'], call_now: ['their throat feels tight', 'what the person feels now'], self_care: ['Let them rest', 'What they had earlier'] },
      es: { emergency: ['quédese con la persona', 'No deje que maneje.'], call_now: ['lo que siente ahora', 'Dígales cuándo le pusieron el suero a la persona'], self_care: ['Que la persona descanse', 'Lo que la persona tuvo antes'] },
    }[lang];
    const notText = { en: ["don't drive yourself", 'your throat'], es: ['no vaya manejando usted'] }[lang];
    for (const level of ['emergency', 'call_now', 'self_care']) {
      await fresh(page);
      if (lang === 'es') await setLanguage(page, 'es');
      await runFlow(page, { ...LEVELS[level], ctx_respondent: 'helping_someone' }, { fallback });
      const r = page.locator('main section[data-disposition]');
      await expect(r).toHaveAttribute('data-they', '');
      for (const t of expectText[level]) await expect(r, `${lang} ${level}`).toContainText(t);
      for (const t of notText) await expect(r, `${lang} ${level}`).not.toContainText(t);
      await shoot(page, `${lang}-${level}-they`);
    }
  });
}

// 200% text: the browser's default font size at 32 px, on the 390×844 phone.
test('at 200% text each result\'s first view still holds the outcome, its calls and one sentence', async ({ baseURL }) => {
  const context = await textSizeContext(baseURL, 32);
  try {
    const page = await context.newPage();
    for (const lang of ['en', 'es']) {
      for (const [level, answers] of Object.entries(LEVELS)) {
        await clearSession(page);
        await page.goto('/');
        await expect(page.locator('.ic-main [data-question="red_flags"]')).toBeVisible({ timeout: 20_000 });
        expect(await page.locator('.ic-app').evaluate((el) => getComputedStyle(el).fontSize)).toBe('32px');
        if (lang === 'es') await setLanguage(page, 'es');
        await runFlow(page, answers, { fallback });
        await expectFirstView(page, `${lang} ${level} at 200%`);
        await shoot(page, `${lang}-${level}-200`);
      }
    }
  } finally {
    await context.close();
  }
});
