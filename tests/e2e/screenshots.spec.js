// 6: a full-page screenshot of every screen at 390×844, in English and in
// Spanish, in test-results/screenshots/<lang>-<nn>-<screen>.png. One long flow
// visits every kind of screen (checklist, its per-item "not sure" mode, the
// faint follow-ups, yes/no, single choice, multi-choice, free text and every
// symptom module), then three short flows add the "someone else" wording,
// ctx_can_talk, gn_what and the other kinds of result, and the therapy
// screen (a clinic that gives several drips: the iframe page with
// `therapies`) with its error.
const fs = require('fs');
const path = require('path');
const { test, expect, RESULTS, clearSession, widgetMounted, openFresh, setLanguage, runFlow, answer, waitForScreenChange, axeBothSchemes, saveAxeLog } = require('./helpers');
const { OUTCOMES, NO_MODIFIERS, CONTEXT } = require('./flows');
const { questionText } = require('./protocol');

test.describe.configure({ mode: 'parallel' });

const DIR = path.join(RESULTS, 'screenshots');

// Screens the outcome flows do not show, built differently from those they
// do: axe checks these here too, in light and dark.
const AXE_HERE = new Set(['red_flags-unsure', 'faint_followup', 'ha_with', 'iv_signs', 'ot_text', 'red_flags-someone', 'ctx_can_talk', 'therapy', 'therapy-error']);

// Every symptom group whose mild answers keep the outcome open (so every
// screen of its module is asked); heart, breathing and eyes are call-now at
// their first answer, so they have a short flow of their own.
const TOUR_GROUPS = [
  'g_flush', 'g_dizzy', 'g_headache', 'g_stomach', 'g_weak_tired',
  'g_skin', 'g_site', 'g_fever', 'g_panic', 'g_other',
];

/** Each group answered mildly, in the order the flow asks (the engine's path). */
const TOUR = {
  red_flags: {},
  therapy: ['magnesium'],
  ctx_time_since_end: '1_to_6h',
  ctx_at_clinic: 'no',
  symptoms: TOUR_GROUPS,
  fl_itch: 'no', fl_course: 'better', fl_sweat_heavy: 'no',
  dz_severity: 'mild', dz_pattern: 'only_standing', dz_course: 'better', dz_spin: 'no',
  ha_severity: 'mild', ha_usual: 'yes', ha_course: 'better', ha_with: [],
  nv_nausea: 'mild', nv_vomit: 'no', nv_cramps: 'no', nv_course: 'better',
  wk_weak: 'mild', wk_sleepy: 'normal', wk_swallow: 'no', wk_course: 'better',
  sk_where: 'site_only', sk_hives: 'no', sk_eyes: 'no', sk_course: 'better',
  iv_pain: 'mild', iv_red: 'no', iv_swell: 'no', iv_signs: {},
  iv_bruise: 'no', iv_numb: 'no', iv_bleed: 'no', iv_course: 'better',
  fv_temp: 'no',
  pn_before: 'yes', pn_settled: 'yes', pn_other: 'no',
  ot_related: 'from_iv_or_not_sure',
  ot_text: '',
  ctx_repeat_use: 'no',
  mod_kidney: 'no', mod_pregnant: 'no', mod_heart: 'no', mod_heart_meds: 'no',
  mod_nerve_muscle: 'no', mod_other_meds: 'no', mod_age65: 'no',
};

/** Heart, breathing and eyes: call-now at once; what can still be an emergency is asked. */
const SHORT_TOUR = {
  red_flags: {},
  therapy: ['magnesium'],
  ctx_time_since_end: '1_to_6h',
  ctx_at_clinic: 'no',
  symptoms: ['g_heart', 'g_breath', 'g_eyes'],
  hb_now: 'came_and_went', hb_with: 'no',
  br_level: 'a_bit',
  ey_with: 'no',
  mod_pregnant: 'no', mod_nerve_muscle: 'no',
};

/** The width and height of a PNG file, from its IHDR chunk. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

for (const lang of ['en', 'es']) {
  test(`screenshots of every screen (${lang})`, async ({ page }, testInfo) => {
    fs.mkdirSync(DIR, { recursive: true });
    const shots = [];
    const axeLog = [];
    const shoot = async (name) => {
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
      const file = path.join(DIR, `${lang}-${String(shots.length + 1).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      shots.push(file);
      if (AXE_HERE.has(name)) {
        try {
          await axeBothSchemes(page, `${lang} ${name}`, axeLog);
        } finally {
          saveAxeLog(testInfo, axeLog);
        }
      }
    };
    const resultName = async () => {
      const r = page.locator('main section[data-disposition]');
      const u = await r.getAttribute('data-urgency');
      return `result-${await r.getAttribute('data-disposition')}${u ? `-${u}` : ''}`;
    };
    const onScreen = (skip = new Set()) => async (id) => {
      if (skip.has(id)) return;
      if (id !== 'result') await expect(page.locator(`main [data-question="${id}"] h2`).first()).toHaveText(questionText(id, lang));
      await shoot(id === 'result' ? await resultName() : id);
    };

    // 1. The long tour.
    await openFresh(page);
    if (lang === 'es') await setLanguage(page, 'es');
    const tour = await runFlow(page, { ...TOUR, ot_text: lang === 'es' ? 'Me tiemblan las manos.' : 'My hands are shaky.' }, {
      onScreen: onScreen(),
    });
    expect(tour.visited).toEqual([...Object.keys(TOUR), 'result']);
    expect([tour.disposition, tour.urgency]).toEqual(['call_clinic', 'now']);
    const seen = new Set(tour.visited.filter((id) => id !== 'result'));
    const again = async () => {
      await page.locator('[data-action=restart]').click();
      await page.locator('[data-action=restart]').click();
      expect(await waitForScreenChange(page, 'result')).toBe('red_flags');
    };

    // 1b. Heart, breathing and eyes.
    await again();
    // (its result, call-now, is shot already)
    const short = await runFlow(page, SHORT_TOUR, { onScreen: onScreen(new Set([...seen, 'result'])) });
    expect(short.visited).toEqual([...Object.keys(SHORT_TOUR), 'result']);
    for (const id of short.visited) if (id !== 'result') seen.add(id);

    // 1c. "Not sure what these mean" (the per-item mode) and the faint
    //     follow-ups: an unsure faint counts as a faint.
    await again();
    const faint = await runFlow(page, { red_flags: { rf_fainted: 'not_sure' }, faint_followup: { fo_hurt: 'yes' } }, {
      onScreen: onScreen(seen),
      hooks: { afterUnsure: () => shoot('red_flags-unsure') },
    });
    expect(faint.visited).toEqual(['red_flags', 'faint_followup', 'result']);
    expect(faint.disposition).toBe('emergency');

    // 2. Answering for someone else: the "they" wording, ctx_can_talk, and
    //    the emergency result when they cannot talk normally.
    await again();
    await page.locator('main input[data-option=helping_someone]').check();
    await expect(page.locator('main [data-question=red_flags] h2')).toHaveText(questionText('red_flags', lang, true));
    await shoot('red_flags-someone');
    const someone = await runFlow(page, { red_flags: {}, ctx_respondent: 'helping_someone', ctx_can_talk: 'no' }, {
      onScreen: async (id) => {
        if (id === 'ctx_can_talk') await shoot(id);
      },
    });
    expect(someone.visited).toEqual(['red_flags', 'ctx_can_talk', 'result']);
    expect(someone.disposition).toBe('emergency');

    // 3. Call the clinic today, and self-care (with gn_what).
    for (const name of ['call the clinic today (flushing the same at 6-24 h)', 'self-care (nothing now, an expected effect earlier)']) {
      await page.locator('[data-action=restart]').click();
    await page.locator('[data-action=restart]').click();
      expect(await waitForScreenChange(page, 'result')).toBe('red_flags');
      const r = await runFlow(page, OUTCOMES[name].answers, { onScreen: onScreen(seen) });
      expect(r.disposition).toBe(OUTCOMES[name].expect.disposition);
    }

    // 4. The therapy screen's error: every drip offered, and Next with none ticked.
    await clearSession(page);
    await page.goto(`/frame.html#clinic-phone=%2B1%20555%200100&lang=${lang}&therapies=magnesium%20iron%20vitamin-c%20vitamin-drip`);
    await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
    await widgetMounted(page);
    await expect(page.locator('.ic-app')).toHaveAttribute('lang', lang);
    expect(await answer(page, 'red_flags', {})).toBe('therapy');
    await expect(page.locator('main [data-question="therapy"] input[type=checkbox]')).toHaveCount(5);
    // (the therapy screen itself is shot on the tour: the demo clinic gives every drip)
    await page.locator('main [data-question="therapy"] button[data-action=next]').click();
    await expect(page.locator('main [data-question="therapy"] .ic-error-summary')).toBeFocused();
    await shoot('therapy-error');

    // Every kind of result, and every file a 390-px-wide full page.
    const names = shots.map((f) => path.basename(f).replace(/^\w+-\d+-/, '').replace(/\.png$/, ''));
    expect(names.filter((n) => n.startsWith('result-')).sort()).toEqual([
      'result-call_clinic-now',
      'result-call_clinic-today',
      'result-emergency',
      'result-self_care',
    ]);
    for (const must of ['red_flags', 'red_flags-unsure', 'faint_followup', 'red_flags-someone', 'ctx_can_talk', 'symptoms', 'ha_with', 'iv_signs', 'ot_text', 'gn_what', 'hb_now', 'br_level', 'ey_with', 'therapy', 'therapy-error']) {
      expect(names).toContain(must);
    }
    expect(new Set(names).size, 'no screen shot twice').toBe(names.length);
    expect(axeLog.length, 'axe scanned the extra screens in light and dark').toBe(AXE_HERE.size * 2);
    for (const f of shots) {
      const { width, height } = pngSize(f);
      expect(width, path.basename(f)).toBe(390);
      expect(height, path.basename(f)).toBeGreaterThanOrEqual(844);
    }
    test.info().annotations.push({ type: 'screenshots', description: `${shots.length} in ${path.relative(process.cwd(), DIR)}` });
  });
}
