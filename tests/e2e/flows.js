// The flows the outcome, accessibility and screenshot specs drive, and the
// per-screen checks they share.
const { expect, axeBothSchemes } = require('./helpers');
const { questionText, outcomeTitle } = require('./protocol');

const NO_MODIFIERS = {
  mod_kidney: 'no',
  mod_pregnant: 'no',
  mod_heart: 'no',
  mod_heart_meds: 'no',
  mod_nerve_muscle: 'no',
  mod_lung: 'no',
  mod_sedating: 'no',
  mod_other_meds: 'no',
  mod_age65: 'no',
  mod_anaphylaxis_hx: 'no',
};

// What the context and risk screens are answered with, when they are asked
// (a lookup: the flow asks only what can change the outcome).
const CONTEXT = {
  ctx_respondent: 'me',
  ctx_time_since_end: '1_to_6h',
  ctx_at_clinic: 'no',
  ctx_repeat_use: 'no',
};

/**
 * One flow per outcome. `answers` lists exactly the screens the flow asks,
 * in order (the engine asks only what can change the outcome: see
 * `infusion-check eval --json`'s `asked`), and the test checks the path.
 */
const OUTCOMES = {
  'emergency from the red-flag checklist (rf_chest)': {
    answers: { red_flags: { rf_chest: 'yes' } },
    expect: { disposition: 'emergency', urgency: '', level: 'emergency', primary: 'call-emergency', rule: 'E01' },
  },
  'emergency from a module rule (E03: spreading hives + short of breath)': {
    answers: {
      red_flags: {},
      therapy: ['magnesium'],
      ctx_time_since_end: '1_to_6h',
      ctx_at_clinic: 'no',
      symptoms: ['g_skin', 'g_breath'],
      br_level: 'a_bit',
      // A rash spreading over the body with a breathing problem is E03 at
      // once: the flow ends here, before sk_hives is asked.
      sk_where: 'spreading',
    },
    expect: { disposition: 'emergency', urgency: '', level: 'emergency', primary: 'call-emergency', rule: 'E03' },
  },
  'call the clinic now (a bit short of breath)': {
    // Call-now once "a bit short of breath" is answered: nothing after it
    // (its course, risk questions) can change that, so nothing more is asked.
    answers: {
      red_flags: {},
      therapy: ['magnesium'],
      ctx_time_since_end: '1_to_6h',
      ctx_at_clinic: 'no',
      symptoms: ['g_breath'],
      br_level: 'a_bit',
    },
    expect: { disposition: 'call_clinic', urgency: 'now', level: 'call_now', primary: 'call-clinic', rule: 'C11' },
  },
  'call the clinic today (flushing the same at 6-24 h)': {
    answers: {
      red_flags: {},
      therapy: ['magnesium'],
      ctx_time_since_end: '6_to_24h',
      symptoms: ['g_flush'],
      fl_itch: 'no',
      fl_course: 'same',
      fl_sweat_heavy: 'no',
      ctx_repeat_use: 'no',
      mod_pregnant: 'no',
    },
    expect: { disposition: 'call_clinic', urgency: 'today', level: 'call_today', primary: 'call-clinic', rule: 'C01' },
  },
  'self-care (nothing now, an expected effect earlier)': {
    answers: {
      red_flags: {},
      therapy: ['magnesium'],
      ctx_time_since_end: '1_to_6h',
      ctx_at_clinic: 'no',
      symptoms: ['g_none'],
      gn_what: 'expected_effect',
      ctx_repeat_use: 'no',
      mod_pregnant: 'no',
    },
    expect: { disposition: 'self_care', urgency: '', level: 'self_care', primary: 'call-clinic', rule: 'SC07' },
  },
};
for (const f of Object.values(OUTCOMES)) f.path = Object.keys(f.answers).concat('result');

// The widget's own words (src/i18n.rs) that every screen shows.
const CHROME = {
  en: {
    title: 'Check how you feel',
    bar: 'Call 911',
    back: 'Back',
    restart: 'Start over',
    next: 'Next',
    none: 'None of these',
    levels: {
      emergency: 'Emergency',
      call_now: 'Call the clinic now',
      call_today: 'Call the clinic today',
      self_care: 'Normal and passing',
    },
    callClinic: 'Call Demo Infusion Clinic',
  },
  es: {
    title: '¿Cómo se siente?',
    bar: 'Llame al 911',
    back: 'Atrás',
    restart: 'Empezar de nuevo',
    next: 'Siguiente',
    none: 'Ninguno de estos',
    levels: {
      emergency: 'Emergencia',
      call_now: 'Llame a la clínica ahora',
      call_today: 'Llame a la clínica hoy',
      self_care: 'Normal y pasajero',
    },
    callClinic: 'Llamar a Demo Infusion Clinic',
  },
};

/**
 * The checks every screen gets: the heading is this question in `lang`, the
 * page chrome is in `lang`, the emergency bar is on screen with tel:911, and
 * (after the first answer) focus is on the new screen's heading.
 */
async function checkScreen(page, id, { lang, they = false, level, focus = true }) {
  const c = CHROME[lang];
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', lang);
  await expect(page.locator('.ic-header h1')).toHaveText(c.title);
  // Back at the top of each screen but the first.
  if (id === 'red_flags') await expect(page.locator('[data-action=back]')).toHaveCount(0);
  else await expect(page.locator('[data-action=back]')).toHaveText(new RegExp(c.back));
  await expect(page.locator('[data-action=restart]')).toHaveText(c.restart);
  const bar = page.locator('a[data-action=call-emergency-bar]');
  await expect(bar).toHaveAttribute('href', 'tel:911');
  await expect(bar).toHaveText(c.bar);
  await expect(bar).toBeInViewport();
  const h2 =
    id === 'result'
      ? page.locator('main section[data-disposition] h2')
      : page.locator(`main [data-question="${id}"] h2`).first();
  if (id === 'result') {
    await expect(h2).toHaveText(outcomeTitle(level, lang));
    // The outcome once: the title, no kicker repeating it.
    await expect(page.locator('main .ic-kicker')).toHaveCount(0);
  } else {
    await expect(h2).toHaveText(questionText(id, lang, they));
    const next = page.locator(`main [data-question="${id}"] [data-action=next]`).first();
    if (await next.count()) await expect(next).toHaveText(c.next);
  }
  // Laid out for the phone: nothing wider than the screen, and the heading
  // has a readable width (catches a screen collapsing into narrow columns).
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, 'no horizontal scrolling').toBeLessThanOrEqual(widths.client);
  const box = await h2.boundingBox();
  expect(box.width, `the heading of ${id} is laid out across the screen`).toBeGreaterThan(200);
  if (focus) {
    await expect(h2).toBeFocused();
  }
}

async function scan(page, label, log) {
  await axeBothSchemes(page, label, log);
}

/** One flow to each level of result (the result-view and reminder specs). */
const BY_LEVEL = {
  emergency: OUTCOMES['emergency from the red-flag checklist (rf_chest)'].answers,
  call_now: OUTCOMES['call the clinic now (a bit short of breath)'].answers,
  call_today: OUTCOMES['call the clinic today (flushing the same at 6-24 h)'].answers,
  self_care: OUTCOMES['self-care (nothing now, an expected effect earlier)'].answers,
};
const LEVEL_FALLBACK = { ...NO_MODIFIERS, ctx_can_talk: 'yes', ctx_at_clinic: 'no', ctx_repeat_use: 'no' };
/** The answer to a screen those flows leave open (an unexpected one fails the test). */
function levelFallback(id) {
  if (LEVEL_FALLBACK[id] === undefined) throw new Error(`unexpected screen ${id}`);
  return LEVEL_FALLBACK[id];
}

module.exports = { OUTCOMES, CHROME, NO_MODIFIERS, CONTEXT, BY_LEVEL, levelFallback, checkScreen, scan };
