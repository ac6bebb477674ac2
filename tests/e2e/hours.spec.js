// Whom to call, at the right hour (issue 20): a clinic's opening hours and
// time zone (`hours`, `timezone`). At fixed clock times (Playwright's clock)
// in the clinic's own zone, read by the browser's Intl, whatever the phone's
// zone (here Madrid's, or Tokyo's): outside the hours, "call the clinic now"
// puts the after-hours line first and says the clinic is closed now and when
// it opens, and "call the clinic today" says when it opens; inside them, the
// clinic first and until when it is open. Across a weekend and the evening
// before daylight saving time starts in Los Angeles (2027-03-14). Bad hours
// or an unknown zone: the setup notice, and both numbers with the after-hours
// line first. The emergency result is unchanged. In English and Spanish; the
// iframe page (fragment) and the custom element (attributes, changed live).
const { test, expect, clearSession, openFresh, setLanguage, runFlow, widgetMounted } = require('./helpers');
const { BY_LEVEL, levelFallback } = require('./flows');

const HOURS = 'Mo-Fr 08:00-18:00; Sa 09:00-13:00';
const ZONE = 'America/Los_Angeles';
const CLINIC = 'clinic-name=Demo%20Infusion%20Clinic&clinic-phone=%2B1%20555%200100&after-hours-phone=%2B1%20555%200199&emergency-number=911';
const frag = (extra) => `/frame.html#${CLINIC}&${extra}`;
const WITH_HOURS = `hours=${encodeURIComponent(HOURS)}&timezone=${encodeURIComponent(ZONE)}`;

const WORDS = {
  en: {
    closedMonday: 'The clinic is closed now. It opens Monday at 08:00.',
    closedToday: 'The clinic is closed now. It opens today at 09:00.',
    open: 'The clinic is open now, until 18:00.',
  },
  es: {
    closedMonday: 'La clínica está cerrada ahora. Abre el lunes a las 08:00.',
  },
};

const result = (page) => page.locator('main section[data-disposition]');

/** The iframe page with `fragment`, at `now`, walked to `level`. */
async function reach(page, fragment, level, { now, lang = 'en' } = {}) {
  if (now) await page.clock.setFixedTime(now);
  await clearSession(page);
  await page.goto(fragment);
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  await widgetMounted(page);
  if (lang === 'es') await setLanguage(page, 'es');
  await runFlow(page, BY_LEVEL[level], { fallback: levelFallback });
  const r = result(page);
  await expect(r).toBeVisible();
  return r;
}

/** The result's call buttons, in order (their data-action). */
const calls = (r) => r.locator('.ic-call-actions [data-action]').evaluateAll((els) => els.map((e) => e.dataset.action));

test.describe('a phone in Madrid, a clinic in Los Angeles', () => {
  // (the phone's own zone is not the clinic's: only the clinic's counts)
  test.use({ timezoneId: 'Europe/Madrid' });

  test('Sunday 02:00: closed; call now and call today put the after-hours line first and say when it opens; the emergency is unchanged', async ({ page }) => {
    // Sunday 2026-12-13 02:00 PST (10:00 UTC; 11:00 in Madrid)
    const now = new Date('2026-12-13T10:00:00Z');
    for (const level of ['call_now', 'call_today']) {
      const r = await reach(page, frag(WITH_HOURS), level, { now });
      await expect(r.locator('[data-hours]'), level).toHaveAttribute('data-hours', 'closed');
      await expect(r.locator('[data-hours]'), level).toHaveText(WORDS.en.closedMonday);
      expect(await calls(r), level).toEqual(['call-after-hours', 'call-clinic']);
      // the line comes before the buttons, the buttons before the lead
      const [line, first, lead] = await Promise.all([r.locator('[data-hours]'), r.locator('.ic-call-actions a').first(), r.locator('.ic-lead')].map((l) => l.boundingBox()));
      expect(line.y).toBeLessThan(first.y);
      expect(first.y).toBeLessThan(lead.y);
      await expect(page.locator('[data-setup-notice]')).toHaveCount(0);
      await page.screenshot({ path: test.info().outputPath(`sunday-2am-${level}-en.png`) });
    }
    const r = await reach(page, frag(WITH_HOURS), 'emergency', { now });
    expect((await calls(r))[0]).toBe('call-emergency');
    await expect(r.locator('[data-hours]')).toHaveCount(0);
  });

  test('es, Sunday 02:00: cerrada, the after-hours line first', async ({ page }) => {
    const r = await reach(page, frag(WITH_HOURS), 'call_now', { now: new Date('2026-12-13T10:00:00Z'), lang: 'es' });
    await expect(r.locator('[data-hours=closed]')).toHaveText(WORDS.es.closedMonday);
    expect(await calls(r)).toEqual(['call-after-hours', 'call-clinic']);
    await page.screenshot({ path: test.info().outputPath('sunday-2am-call_now-es.png') });
  });

  test('a weekday inside the hours: the clinic first, open until 18:00; Saturday before 09:00: it opens today', async ({ page }) => {
    // Wednesday 2026-12-09 10:30 PST (19:30 in Madrid: the clinic is open there)
    let r = await reach(page, frag(WITH_HOURS), 'call_now', { now: new Date('2026-12-09T18:30:00Z') });
    await expect(r.locator('[data-hours]')).toHaveAttribute('data-hours', 'open');
    await expect(r.locator('[data-hours]')).toHaveText(WORDS.en.open);
    expect(await calls(r)).toEqual(['call-clinic', 'call-after-hours']);
    // Saturday 2026-12-12 07:00 PST (16:00 in Madrid)
    r = await reach(page, frag(WITH_HOURS), 'call_today', { now: new Date('2026-12-12T15:00:00Z') });
    await expect(r.locator('[data-hours=closed]')).toHaveText(WORDS.en.closedToday);
    expect(await calls(r)).toEqual(['call-after-hours', 'call-clinic']);
  });

  test('no hours: as before (the clinic first, no line), at any hour', async ({ page }) => {
    const r = await reach(page, frag('lang=en'), 'call_now', { now: new Date('2026-12-13T10:00:00Z') });
    await expect(r.locator('[data-hours]')).toHaveCount(0);
    expect(await calls(r)).toEqual(['call-clinic', 'call-after-hours']);
  });

  for (const [label, extra, key] of [
    ['an unknown time zone', `hours=${encodeURIComponent(HOURS)}&timezone=Mars%2FOlympus`, 'timezone'],
    ['hours it cannot read', `hours=${encodeURIComponent('Mo-Fr 8-18')}&timezone=${encodeURIComponent(ZONE)}`, 'hours'],
    ['hours without their zone', `hours=${encodeURIComponent(HOURS)}`, 'timezone'],
  ]) {
    test(`${label}: the setup notice, and both numbers with the after-hours line first`, async ({ page }) => {
      const warnings = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      // Wednesday 10:30 in Los Angeles: open, were the setting good
      const r = await reach(page, frag(extra), 'call_now', { now: new Date('2026-12-09T18:30:00Z') });
      expect(await calls(r)).toEqual(['call-after-hours', 'call-clinic']);
      await expect(r.locator('[data-hours]')).toHaveCount(0);
      const notice = page.locator('[data-setup-notice]');
      await expect(notice).toContainText(`${key}:`);
      await expect(notice).toContainText('both numbers are shown, the after-hours line first.');
      expect(warnings.some((w) => w.startsWith(`infusion-check setup: ${key}:`)), warnings.join('\n')).toBe(true);
      // and today's results stay as they were on call today
      const t = await reach(page, frag(extra), 'call_today');
      expect(await calls(t)).toEqual(['call-after-hours', 'call-clinic']);
    });
  }
});

test.describe('the evening before daylight saving time starts in Los Angeles', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('Saturday 21:30 PST: closed, it opens Monday at 08:00; Monday 08:30 PDT (07:30 by the old offset): open', async ({ page }) => {
    // 2027-03-13 21:30 PST (UTC-8); at 02:00 on the 14th the clocks go to PDT (UTC-7)
    let r = await reach(page, frag(WITH_HOURS), 'call_today', { now: new Date('2027-03-14T05:30:00Z') });
    await expect(r.locator('[data-hours=closed]')).toHaveText(WORDS.en.closedMonday);
    expect(await calls(r)).toEqual(['call-after-hours', 'call-clinic']);
    // Sunday 03:30 PDT, just after the change: still closed
    r = await reach(page, frag(WITH_HOURS), 'call_now', { now: new Date('2027-03-14T10:30:00Z') });
    await expect(r.locator('[data-hours=closed]')).toHaveText(WORDS.en.closedMonday);
    // Monday 2027-03-15 08:30 PDT = 15:30 UTC (07:30 at the winter offset)
    r = await reach(page, frag(WITH_HOURS), 'call_now', { now: new Date('2027-03-15T15:30:00Z') });
    await expect(r.locator('[data-hours=open]')).toHaveText(WORDS.en.open);
    expect(await calls(r)).toEqual(['call-clinic', 'call-after-hours']);
  });
});

test.describe('the custom element', () => {
  // (the page is the test's own: no service worker to fetch it from the server)
  test.use({ serviceWorkers: 'block' });

  test('the custom element: hours and timezone set on the result take effect at once', async ({ page }) => {
    // A clinic's page of the widget's own origin (served by the test), with the loader.
    await page.route('**/hours-element.html', (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Demo clinic</title><link rel="icon" href="data:,"></head>
  <body><main><h1>Demo Infusion Clinic</h1>
  <infusion-check id="ic" clinic-name="Demo Infusion Clinic" clinic-phone="+1 555 0100" after-hours-phone="+1 555 0199" emergency-number="911" lang="en"></infusion-check>
  </main><script type="module" src="/infusion-check.js"></script></body></html>`,
    }));
    // Sunday 2026-12-13 02:00 in Los Angeles. The answers are given on the
    // iframe page (the helpers walk a page's own DOM); this tab's session then
    // brings the element to the same result.
    await reach(page, frag('lang=en'), 'call_now', { now: new Date('2026-12-13T10:00:00Z') });
    await page.goto('/hours-element.html');
    const ic = page.locator('#ic');
    const r = ic.locator('section[data-disposition]');
    await expect(r).toHaveAttribute('data-urgency', 'now');
    await expect.poll(() => calls(r)).toEqual(['call-clinic', 'call-after-hours']);
    await ic.evaluate((el, [h, z]) => {
      el.setAttribute('hours', h);
      el.setAttribute('timezone', z);
    }, [HOURS, ZONE]);
    await expect(r.locator('[data-hours=closed]')).toHaveText(WORDS.en.closedMonday);
    await expect.poll(() => calls(r)).toEqual(['call-after-hours', 'call-clinic']);
    // a bad zone set live: the notice, the after-hours line still first
    await ic.evaluate((el) => el.setAttribute('timezone', 'Mars/Olympus'));
    await expect(ic.locator('[data-setup-notice]')).toContainText('timezone:');
    await expect(r.locator('[data-hours]')).toHaveCount(0);
    await expect.poll(() => calls(r)).toEqual(['call-after-hours', 'call-clinic']);
  });
});

test('the setup page: hours and their zone go into the snippet, the iframe code and the link, checked by the widget\'s rules', async ({ page }) => {
  await page.goto('/setup.html');
  await page.locator('#f-clinic-phone').fill('+1 555 0100');
  await page.locator('#f-after-hours-phone').fill('+1 555 0199');
  await expect(page.locator('#out-element')).not.toHaveValue('');
  // the examples never go into the code, nor into the preview
  await expect(page.locator('#out-element')).not.toHaveValue(/hours=|timezone=/);
  await expect(page.locator('#preview')).not.toHaveAttribute('src', /hours=|timezone=/);
  const problems = page.locator('#issues');
  for (const [hours, zone, says] of [
    [HOURS, '', 'Time zone'],
    ['Mo-Fr 8-18', ZONE, 'Opening hours: "8-18" is not a time span like 08:00-18:00'],
    ['Mon-Fri 08:00-18:00', ZONE, 'Opening hours: "Mon" is not a day'],
    ['Fr 22:00-06:00', ZONE, 'ends before it starts'],
    ['Mo-Su off', ZONE, 'it is open on no day'],
    [HOURS, 'Mars/Olympus', 'Time zone'],
  ]) {
    await page.locator('#f-hours').fill(hours);
    await page.locator('#f-timezone').fill(zone);
    await expect(problems, `${hours} / ${zone}`).toContainText(says);
    await expect(page.locator('#out-element')).toHaveValue('');
  }
  await page.locator('#f-hours').fill(HOURS);
  await page.locator('#f-timezone').fill(ZONE);
  await expect(problems).toBeEmpty();
  await expect(page.locator('#out-element')).toHaveValue(new RegExp(` hours="${HOURS}" timezone="${ZONE}"`));
  await expect(page.locator('#out-iframe')).toHaveValue(/hours=Mo-Fr%2008%3A00-18%3A00%3B%20Sa%2009%3A00-13%3A00&amp;timezone=America%2FLos_Angeles/);
  await expect(page.locator('#out-link')).toHaveValue(/&hours=Mo-Fr%2008%3A00-18%3A00%3B%20Sa%2009%3A00-13%3A00&timezone=America%2FLos_Angeles$/);
  await expect(page.locator('#preview')).toHaveAttribute('src', /&timezone=America%2FLos_Angeles/);
});
