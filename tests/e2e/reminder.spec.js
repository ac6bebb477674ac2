// "Remind me to check again" (issue 20): on a call-today and a self-care
// result, in English and Spanish, in two time zones (Los Angeles the
// evening before daylight saving time starts; Mexico City), the button
// downloads a calendar file made on the phone. Each file is read by a real
// iCalendar parser (Python's icalendar, tests/ics_check.py): its time (the
// clock is fixed), in UTC; its title, the safety-netting sentence and the
// clinic's numbers; its alarm; its link back with the clinic's
// configuration and none of the answers. Not offered on emergency and
// call-now results; no request is made.
const path = require('path');
const { execFileSync } = require('child_process');
const fs = require('fs');
const { test, expect, ROOT, clearSession, openFresh, setLanguage, runFlow, widgetMounted } = require('./helpers');
const { BY_LEVEL, levelFallback } = require('./flows');

const PYTHON = process.env.IC_PYTHON || path.join(ROOT, 'target', 'ics-venv', 'bin', 'python3');
const FLOWS = BY_LEVEL;
const fallback = levelFallback;

// The words the files must hold (src/i18n.rs, the protocol's outcomes).
const WORDS = {
  en: {
    button: 'Remind me to check again',
    summary: 'Check again how you feel after your drip',
    summaryThey: 'Check again how they feel after the drip',
    call_today: ['Call sooner if it gets worse, or if something new starts.', 'If the clinic is closed, call when it opens. If you are worried before then, call +1 555 0199.'],
    self_care: ['Call Demo Infusion Clinic if it is not better by tomorrow, if it gets worse, or if something new starts.'],
    selfCareThey: ['Call Demo Infusion Clinic if they are not better by tomorrow'],
    clinic: 'Call Demo Infusion Clinic: +1 555 0100',
    after: 'After-hours line: +1 555 0199',
    emergency: 'Call 911 right away if:',
    when: { call_today: 'A reminder in 4 hours', self_care: 'A reminder for the next morning at 08:00' },
  },
  es: {
    button: 'Recordarme revisar otra vez',
    summary: 'Revise otra vez cómo se siente después del suero',
    call_today: ['Llame antes si empeora, o si empieza algo nuevo.', 'Si la clínica está cerrada, llame cuando abra. Si le preocupa algo antes de eso, llame a +1 555 0199.'],
    self_care: ['Llame a Demo Infusion Clinic si no mejora para mañana, si empeora o si empieza algo nuevo.'],
    clinic: 'Llamar a Demo Infusion Clinic: +1 555 0100',
    after: 'Línea fuera de horario: +1 555 0199',
    emergency: 'Llame al 911 de inmediato si:',
    when: { call_today: 'Un recordatorio en 4 horas', self_care: 'Un recordatorio para la mañana siguiente a las 08:00' },
  },
};

/** Walks to a result (fixed clock, fresh session); gives its section. */
async function reach(page, level, lang, extra = {}) {
  if (page.url() !== 'about:blank') await page.evaluate(() => sessionStorage.clear());
  await openFresh(page);
  if (lang === 'es') await setLanguage(page, 'es');
  await runFlow(page, { ...FLOWS[level], ...extra }, { fallback });
  return page.locator('main section[data-disposition]');
}

/** Taps "Remind me…", saves the download, and checks it with icalendar. */
async function remindAndCheck(page, testInfo, name, want) {
  const button = page.locator('main section[data-disposition] button[data-action=remind]');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('check-again.ics');
  const file = testInfo.outputPath(`${name}.ics`);
  await download.saveAs(file);
  let out;
  try {
    out = execFileSync(PYTHON, [path.join(ROOT, 'tests', 'ics_check.py'), file, JSON.stringify(want)], { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`${name}: the calendar file fails its check:\n${e.stdout || ''}${e.stderr || ''}`);
  }
  expect(out).toContain('a valid iCalendar file');
}

function want(lang, level, dtstart, { they = false } = {}) {
  const w = WORDS[lang];
  return {
    dtstart,
    summary: they ? w.summaryThey : w.summary,
    description: [...(they ? w.selfCareThey : w[level]), w.clinic, w.after, w.emergency],
    url_prefix: 'http://127.0.0.1:',
    url_has: ['/#clinic-name=Demo%20Infusion%20Clinic&', 'clinic-phone=%2B1%20555%200100', 'after-hours-phone=%2B1%20555%200199', 'emergency-number=911', `lang=${lang}`],
    // none of the answers: no question or answer code, nothing of the session
    url_lacks: ['red_flags', 'symptoms', 'g_', 'ctx_', 'fl_', 'gn_', 'expected_effect', 'same', 'helping'],
  };
}

async function checkButton(r, lang, level) {
  const button = r.locator('button[data-action=remind]');
  await expect(button).toContainText(WORDS[lang].button);
  await expect(button.locator('.ic-sub')).toContainText(WORDS[lang].when[level]);
  // a secondary action below the lead sentence, after the calls
  const [lead, btn, call] = await Promise.all([
    r.locator('.ic-lead').boundingBox(),
    button.boundingBox(),
    r.locator('.ic-call-actions a[data-action]').first().boundingBox(),
  ]);
  expect(btn.y).toBeGreaterThan(lead.y + lead.height - 1);
  expect(call.y).toBeLessThan(lead.y);
}

test.describe('in Los Angeles, the evening before daylight saving time starts', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });
  // 21:30 PST on Saturday 2026-03-07; at 02:00 the clocks go to PDT (UTC-7).
  const NOW = new Date('2026-03-08T05:30:00Z');

  test('en: call today reminds 4 hours on, self-care the next morning at 08:00 PDT', async ({ page, watch }, testInfo) => {
    await page.clock.setFixedTime(NOW);
    let r = await reach(page, 'call_today', 'en');
    await checkButton(r, 'en', 'call_today');
    const before = watch.requests.length;
    await remindAndCheck(page, testInfo, 'en-call-today', { ...want('en', 'call_today', '2026-03-08T09:30:00+00:00'), dtstamp: '2026-03-08T05:30:00+00:00' });
    expect(watch.requests.slice(before), 'no request for the file').toEqual([]);

    r = await reach(page, 'self_care', 'en');
    await checkButton(r, 'en', 'self_care');
    await remindAndCheck(page, testInfo, 'en-self-care', want('en', 'self_care', '2026-03-08T15:00:00+00:00'));
  });

  test('en, answering for someone else: the file speaks about them', async ({ page }, testInfo) => {
    await page.clock.setFixedTime(NOW);
    await reach(page, 'self_care', 'en', { ctx_respondent: 'helping_someone' });
    await remindAndCheck(page, testInfo, 'en-self-care-they', want('en', 'self_care', '2026-03-08T15:00:00+00:00', { they: true }));
  });

  test('the iframe page with opening hours: the link carries every key of the configuration, and the check it opens knows the hours', async ({ page }, testInfo) => {
    await page.clock.setFixedTime(NOW);
    const config = {
      'clinic-name': 'Demo Infusion Clinic', 'clinic-phone': '+1 555 0100', 'after-hours-phone': '+1 555 0199',
      'emergency-number': '911', accent: '#FC0', hours: 'Mo-Fr 08:00-18:00; Sa 09:00-13:00', timezone: 'America/Los_Angeles',
    };
    const fragment = Object.entries(config).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    /** The page at `url`, fresh, walked to call today (Saturday 21:30 in the clinic's zone: closed). */
    const walk = async (url) => {
      await clearSession(page);
      await page.goto(url);
      await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
      await widgetMounted(page);
      await runFlow(page, FLOWS.call_today, { fallback });
      const r = page.locator('main section[data-disposition]');
      await expect(r.locator('[data-hours]')).toHaveText('The clinic is closed now. It opens Monday at 08:00.');
      await expect(page.locator('[data-setup-notice]')).toHaveCount(0);
      return r;
    };
    await walk(`/frame.html#${fragment}`);
    await remindAndCheck(page, testInfo, 'en-frame-hours', {
      ...want('en', 'call_today', '2026-03-08T09:30:00+00:00'),
      url_has: ['/frame.html#clinic-name='],
      url_config: { ...config, lang: 'en' },
    });
    // The link, opened: the same clinic, closed at this hour.
    const ics = fs.readFileSync(testInfo.outputPath('en-frame-hours.ics'), 'utf8').replace(/\r\n /g, '');
    const url = ics.split('\r\n').find((l) => l.startsWith('URL:')).slice(4);
    expect(new URL(url).pathname).toBe('/frame.html');
    await walk(url);
  });

  test('not offered on emergency and call-now results', async ({ page }) => {
    await page.clock.setFixedTime(NOW);
    for (const level of ['emergency', 'call_now']) {
      const r = await reach(page, level, 'en');
      await expect(r.locator('[data-action=remind]'), level).toHaveCount(0);
    }
  });
});

test.describe('in Mexico City, in the morning', () => {
  test.use({ timezoneId: 'America/Mexico_City' });
  // 10:15 on 2026-06-10 (UTC-6, no daylight saving time): 08:00 has passed.
  const NOW = new Date('2026-06-10T16:15:00Z');

  test('es: call today reminds 4 hours on, self-care the next morning at 08:00', async ({ page }, testInfo) => {
    await page.clock.setFixedTime(NOW);
    let r = await reach(page, 'call_today', 'es');
    await checkButton(r, 'es', 'call_today');
    await remindAndCheck(page, testInfo, 'es-call-today', want('es', 'call_today', '2026-06-10T20:15:00+00:00'));

    r = await reach(page, 'self_care', 'es');
    await checkButton(r, 'es', 'self_care');
    await remindAndCheck(page, testInfo, 'es-self-care', want('es', 'self_care', '2026-06-11T14:00:00+00:00'));
  });
});
