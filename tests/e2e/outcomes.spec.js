// 1 + 3 + 7: each outcome through the whole flow, in English and in Spanish.
// On every screen: the heading is the right question in the right language,
// the emergency bar is on screen, focus is on the new heading, and axe finds
// zero violations in light and in dark. On the result: the disposition, the
// urgency, and the right call button first with the right tel: href.
const { test, expect, DEMO, openFresh, setLanguage, runFlow, saveAxeLog, expectCall } = require('./helpers');
const { OUTCOMES, CHROME, checkScreen, scan } = require('./flows');

test.describe.configure({ mode: 'parallel' });

// axe scans each screen once per language, in the first flow (in OUTCOMES
// order) that answers it, and every result. Each flow asserts that it was
// asked every question it answers, so a skipped screen is always scanned in
// an earlier flow.
const FLOWS = Object.entries(OUTCOMES);
function scannedElsewhere(k) {
  const seen = new Set();
  for (const [, f] of FLOWS.slice(0, k)) for (const id of Object.keys(f.answers)) seen.add(id);
  return seen;
}

for (const lang of ['en', 'es']) {
  for (const [k, [name, flow]] of FLOWS.entries()) {
    test(`${lang}: ${name}`, async ({ page }, testInfo) => {
      const c = CHROME[lang];
      const log = [];
      await openFresh(page);
      // The page starts in the phone's language (en-US here).
      await expect(page.locator('button[data-lang=en]')).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('button[data-lang=es]')).toHaveAttribute('aria-pressed', 'false');
      if (lang === 'es') {
        await setLanguage(page, 'es');
        await expect(page.locator('button[data-lang=en]')).toHaveAttribute('aria-pressed', 'false');
        await expect(page.locator('main h2')).toHaveText('¿Tiene usted ALGUNO de estos problemas ahora mismo?');
        await expect(page.locator('main label.ic-none')).toHaveText('Ninguno de estos');
        await expect(page.getByText('Estoy contestando por otra persona')).toBeVisible();
        await expect(page.locator('main').getByText('Do you have ANY of these right now?')).toHaveCount(0);
      } else {
        await expect(page.locator('main h2')).toHaveText('Do you have ANY of these right now?');
        await expect(page.locator('main label.ic-none')).toHaveText('None of these');
      }

      const skipScan = scannedElsewhere(k);
      let first = true;
      let r;
      try {
        r = await runFlow(page, flow.answers, {
          onScreen: async (id) => {
            await checkScreen(page, id, { lang, level: flow.expect.level, focus: !first });
            first = false;
            if (skipScan.has(id)) return;
            const label = id === 'result' ? `${lang} result ${flow.expect.level}` : `${lang} ${id}`;
            await scan(page, label, log);
          },
        });
      } finally {
        saveAxeLog(testInfo, log);
      }

      if (flow.path) expect(r.visited).toEqual(flow.path);
      // Every answer of this flow was asked (and nothing was skipped).
      expect(r.visited.slice(0, -1).sort()).toEqual(Object.keys(flow.answers).sort());
      expect(r.visited[0]).toBe('red_flags');
      expect(r.disposition).toBe(flow.expect.disposition);
      expect(r.urgency).toBe(flow.expect.urgency);

      // Why: the rule this flow is about is the one named.
      const rules = await page.locator('main [data-rule]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-rule')));
      testInfo.annotations.push({ type: 'rules', description: rules.join(' ') });
      expect(rules).toContain(flow.expect.rule);

      // The first call button is the one this outcome is about; the first
      // view holds this outcome's calls (the emergency call of the other
      // results goes with "when to get help", and is in the bar).
      const calls = page.locator('main .ic-call-actions a[data-action]');
      await expect(calls.first()).toHaveAttribute('data-action', flow.expect.primary);
      await expect(page.locator('main a[data-action=call-emergency]')).toHaveAttribute('href', DEMO.emergencyHref);
      await expect(page.locator('main a[data-action=call-emergency]')).toHaveText(c.bar);
      await expectCall(page, 'call-clinic', DEMO.clinicHref);
      await expect(page.locator('main a[data-action=call-clinic]')).toContainText(c.callClinic);
      await expect(page.locator('main a[data-action=call-clinic]')).toContainText('+1 555 0100');
      if (flow.expect.disposition === 'emergency') {
        await expectCall(page, 'call-emergency', DEMO.emergencyHref);
        // One big button; the clinic's number is a plain link under it.
        await expect(page.locator('main .ic-call-actions .ic-btn')).toHaveCount(1);
        await expect(page.locator('main .ic-call-plain a[data-action=call-clinic]')).toBeVisible();
      } else {
        await expect(page.locator('main .ic-help-actions a[data-action=call-emergency]')).toBeVisible();
      }
      if (flow.expect.disposition === 'call_clinic') {
        await expectCall(page, 'call-after-hours', DEMO.afterHoursHref);
        await expect(page.locator('main a[data-action=call-after-hours]')).toContainText('+1 555 0199');
        await expect(calls).toHaveCount(2);
      } else {
        await expect(page.locator('main a[data-action=call-after-hours]')).toHaveCount(0);
        await expect(calls).toHaveCount(flow.expect.disposition === 'emergency' ? 2 : 1);
      }
      // The first view: the title, the calls and one sentence of what to do.
      await expect(page.locator('main .ic-lead')).toBeInViewport({ ratio: 1 });
      // The sticky bar is still there on the result.
      await expect(page.locator('a[data-action=call-emergency-bar]')).toHaveAttribute('href', 'tel:911');

      // The summary for the nurse is there, in the chosen language.
      const summary = page.locator('main pre[data-summary]');
      await expect(summary).toBeVisible();
      await expect(summary).toContainText(c.levels[flow.expect.level]);
      for (const a of ['copy', 'print']) await expect(page.locator(`main [data-action=${a}]`)).toBeVisible();
      testInfo.annotations.push({ type: 'path', description: r.visited.join(' → ') });
    });
  }
}
