// 4: the answers survive a reload and a language switch, Back shows what was
// answered before on every kind of screen, and Start over clears everything.
const { test, expect, openFresh, currentScreen, answer, driveTo, runFlow, waitForScreenChange } = require('./helpers');
const { NO_MODIFIERS, CONTEXT } = require('./flows');
const { questionText } = require('./protocol');

test.describe.configure({ mode: 'parallel' });

const S = (id) => `main [data-question="${id}"]`;

/** The saved check in session storage (the widget's own keys). */
async function saved(page) {
  return page.evaluate(() =>
    Object.keys(sessionStorage)
      .filter((k) => k.startsWith('infusion-check'))
      .map((k) => [k, sessionStorage.getItem(k)]),
  );
}

async function back(page, from) {
  await page.locator('[data-action=back]').click();
  return waitForScreenChange(page, from);
}

/** The choice screen `id` shows exactly `code` as chosen. */
async function expectChosen(page, id, code) {
  const buttons = page.locator(`${S(id)} button[data-option]`);
  const n = await buttons.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) {
    const b = buttons.nth(i);
    const opt = await b.getAttribute('data-option');
    await expect(b, `${id}: ${opt}`).toHaveAttribute('aria-pressed', opt === code ? 'true' : 'false');
  }
}

/** The multi-choice / checklist screen `id` has exactly `codes` ticked. */
async function expectTicked(page, id, codes) {
  const boxes = page.locator(`${S(id)} input[type=checkbox][data-option]`);
  const ticked = await boxes.evaluateAll((bs) => bs.filter((b) => b.checked).map((b) => b.getAttribute('data-option')));
  expect(ticked.sort()).toEqual([...codes].sort());
}

test('reload mid-flow keeps the answers and the screen', async ({ page }) => {
  await openFresh(page);
  const fresh = await saved(page);
  const answers = { red_flags: {}, ...CONTEXT, ctx_time_since_end: '1_to_6h', ...NO_MODIFIERS, symptoms: ['g_flush', 'g_headache'] };
  await driveTo(page, answers, 'symptoms');
  // The answers are in this tab's session storage.
  expect(await saved(page)).not.toEqual(fresh);

  await page.reload();
  expect(await currentScreen(page)).toBe('symptoms');
  await expect(page.locator(`${S('symptoms')} h2`)).toHaveText(questionText('symptoms', 'en'));
  // The answers behind it are still there.
  expect(await back(page, 'symptoms')).toBe('ctx_at_clinic');
  await expectChosen(page, 'ctx_at_clinic', 'no');
  expect(await back(page, 'ctx_at_clinic')).toBe('ctx_time_since_end');
  await expectChosen(page, 'ctx_time_since_end', '1_to_6h');

  // Onwards to a multi-choice answer, then reload on the next screen.
  await driveTo(page, answers, 'symptoms');
  expect(await answer(page, 'symptoms', answers.symptoms)).toBe('fl_itch');
  await page.reload();
  expect(await currentScreen(page)).toBe('fl_itch');
  expect(await back(page, 'fl_itch')).toBe('symptoms');
  await expectTicked(page, 'symptoms', ['g_flush', 'g_headache']);
  // And the flow goes on from the restored answers: flushing first, then headache.
  const rest = { fl_itch: 'no', fl_course: 'better', fl_sweat_heavy: 'no', ha_severity: 'mild', ha_usual: 'yes', ha_course: 'better', ha_with: [] };
  await page.locator(`${S('symptoms')} [data-action=next]`).click();
  expect(await waitForScreenChange(page, 'symptoms')).toBe('fl_itch');
  const r = await runFlow(page, { ...rest, ctx_repeat_use: 'no', mod_pregnant: 'no' });
  expect(r.visited).toEqual(['fl_itch', 'fl_course', 'fl_sweat_heavy', 'ha_severity', 'ha_usual', 'ha_course', 'ha_with', 'ctx_repeat_use', 'mod_pregnant', 'result']);
  expect(r.disposition).toBe('self_care');
  // A reload on the result keeps the result.
  await page.reload();
  expect(await currentScreen(page)).toBe('result');
  await expect(page.locator('main section[data-disposition]')).toHaveAttribute('data-disposition', 'self_care');
});

test('Back shows the earlier answer on every kind of screen', async ({ page }) => {
  await openFresh(page);

  // Checklist: a tick.
  expect(await answer(page, 'red_flags', { rf_fainted: 'yes' })).toBe('faint_followup');
  expect(await back(page, 'faint_followup')).toBe('red_flags');
  await expectTicked(page, 'red_flags', ['rf_fainted']);

  // Checklist, explained: "not sure" on the faint is kept as not sure.
  await page.locator(`${S('red_flags')} input[data-option=rf_fainted]`).uncheck();
  expect(await answer(page, 'red_flags', { rf_fainted: 'not_sure' })).toBe('faint_followup');
  expect(await back(page, 'faint_followup')).toBe('red_flags');
  const item = page.locator(`${S('red_flags')} .ic-item[data-question=rf_fainted]`);
  await expect(item).toBeVisible();
  await expect(item.locator('input[data-option=not_sure]')).toBeChecked();
  await expect(item.locator('input[data-option=rf_fainted]')).not.toBeChecked();
  await expect(page.locator(`${S('red_flags')} input[data-option=rf_chest]`)).not.toBeChecked();
  await expect(page.locator(`${S('red_flags')} [data-option=unsure]`)).toHaveCount(0);

  // "None of these" unticks what was marked, where the patient sees it, and
  // goes on: the faint follow-ups are no longer asked.
  await page.locator(`${S('red_flags')} input[data-option=none]`).check();
  await expect(item.locator('input[data-option=not_sure]')).not.toBeChecked();
  await page.locator(`${S('red_flags')} button[data-action=next]`).click();
  expect(await waitForScreenChange(page, 'red_flags')).toBe('therapy');
  expect(await back(page, 'therapy')).toBe('red_flags');
  // "None of these", as confirmed.
  await expectTicked(page, 'red_flags', ['none']);
  await page.locator(`${S('red_flags')} button[data-action=next]`).click();
  expect(await waitForScreenChange(page, 'red_flags')).toBe('therapy');
  // The therapy screen (the demo clinic gives every drip): the pick is kept.
  expect(await answer(page, 'therapy', ['magnesium'])).toBe('ctx_time_since_end');
  expect(await back(page, 'ctx_time_since_end')).toBe('therapy');
  await expectTicked(page, 'therapy', ['magnesium']);
  await page.locator(`${S('therapy')} button[data-action=next]`).click();
  expect(await waitForScreenChange(page, 'therapy')).toBe('ctx_time_since_end');

  // Single choice.
  const answers = {
    ...CONTEXT,
    ...NO_MODIFIERS,
    symptoms: ['g_headache', 'g_other'],
    ha_severity: 'mild',
    ha_usual: 'no_usual',
    ha_course: 'same',
    ha_with: ['vision', 'jaw'],
    ot_related: 'something_else',
  };
  await driveTo(page, answers, 'ha_with');
  expect(await back(page, 'ha_with')).toBe('ha_course');
  await expectChosen(page, 'ha_course', 'same');
  expect(await back(page, 'ha_course')).toBe('ha_usual');
  await expectChosen(page, 'ha_usual', 'no_usual');
  await driveTo(page, answers, 'ha_with');

  // Multi-choice (not the symptom list): the ticks come back.
  const next = await answer(page, 'ha_with', answers.ha_with);
  expect(await back(page, next)).toBe('ha_with');
  await expectTicked(page, 'ha_with', ['vision', 'jaw']);

  // "None of these" on ha_with unticks the others (and a tick unticks it).
  await page.locator(`${S('ha_with')} input[data-option=none]`).check();
  for (const o of answers.ha_with) await expect(page.locator(`${S('ha_with')} input[data-option=${o}]`)).not.toBeChecked();
  await page.locator(`${S('ha_with')} input[data-option=vision]`).check();
  await expect(page.locator(`${S('ha_with')} input[data-option=none]`)).not.toBeChecked();
  await page.locator(`${S('ha_with')} input[data-option=vision]`).uncheck();
  expect(await answer(page, 'ha_with', [])).toBe('ot_related');
  expect(await answer(page, 'ot_related', 'something_else')).toBe('ot_text');
  const text = 'Sore knee from gardening';
  expect(await answer(page, 'ot_text', text)).toBe('ctx_repeat_use');
  expect(await answer(page, 'ctx_repeat_use', 'no')).toBe('mod_pregnant');
  expect(await answer(page, 'mod_pregnant', 'no')).toBe('result');
  expect(await back(page, 'result')).toBe('mod_pregnant');
  await expectChosen(page, 'mod_pregnant', 'no');
  expect(await back(page, 'mod_pregnant')).toBe('ctx_repeat_use');
  expect(await back(page, 'ctx_repeat_use')).toBe('ot_text');
  await expect(page.locator(`${S('ot_text')} textarea`)).toHaveValue(text);
  expect(await back(page, 'ot_text')).toBe('ot_related');
  await expectChosen(page, 'ot_related', 'something_else');
  expect(await back(page, 'ot_related')).toBe('ha_with');
  await expectTicked(page, 'ha_with', ['none']);
});

test('Start over clears every answer', async ({ page }) => {
  await openFresh(page);
  const fresh = await saved(page);
  const answers = { red_flags: {}, ...CONTEXT, ...NO_MODIFIERS, symptoms: ['g_none'], gn_what: 'expected_effect' };
  const r = await runFlow(page, answers);
  expect(r.disposition).toBe('self_care');
  expect(await saved(page)).not.toEqual(fresh);

  // One tap on Start over only arms it (a slip next to Back loses nothing):
  // it says "tap again", and so does the live region.
  const restart = page.locator('[data-action=restart]');
  await restart.click();
  await expect(restart).toHaveText('Tap again to clear all your answers');
  await expect(page.locator('[data-restart-live]')).toHaveText('Tap again to clear all your answers');
  expect(await currentScreen(page)).toBe('result');
  expect(await saved(page)).not.toEqual(fresh);
  // Anything else the patient does disarms it.
  await page.locator('button[data-lang=es]').click();
  await expect(restart).toHaveText('Empezar de nuevo');
  await page.locator('button[data-lang=en]').click();
  await expect(restart).toHaveText('Start over');
  expect(await currentScreen(page)).toBe('result');
  // Two taps: everything goes.
  await restart.click();
  await restart.click();
  expect(await waitForScreenChange(page, 'result')).toBe('red_flags');
  await expectTicked(page, 'red_flags', []);
  // The first screen: no Back, no count.
  await expect(page.locator('[data-action=back]')).toHaveCount(0);
  await expect(page.locator('main .ic-progress')).toHaveCount(0);
  // What is stored is what a fresh page stores.
  await expect.poll(() => saved(page)).toEqual(fresh);
  // Nothing is remembered: not after a reload, not on the next screens.
  await page.reload();
  expect(await currentScreen(page)).toBe('red_flags');
  await expect(page.locator('[data-action=back]')).toHaveCount(0);
  expect(await answer(page, 'red_flags', {})).toBe('therapy');
  await expect(page.locator(`${S('therapy')} input:checked`)).toHaveCount(0);
  expect(await answer(page, 'therapy', ['magnesium'])).toBe('ctx_time_since_end');
  await expect(page.locator(`${S('ctx_time_since_end')} button[aria-pressed=true]`)).toHaveCount(0);
  expect(await answer(page, 'ctx_time_since_end', '1_to_6h')).toBe('ctx_at_clinic');
  await expect(page.locator(`${S('ctx_at_clinic')} button[aria-pressed=true]`)).toHaveCount(0);
});

test('Start over with nothing answered also forgets "explained" (nothing old comes back after a reload)', async ({ page }) => {
  await openFresh(page);
  expect(await answer(page, 'red_flags', {})).toBe('therapy');
  expect(await back(page, 'therapy')).toBe('red_flags');
  // "Not sure what these mean": the "no"s go, each item says what it means.
  await page.locator('main button[data-option=unsure]').click();
  await expect(page.locator('main input[data-option=not_sure]').first()).toBeVisible();
  await page.reload();
  await expect(page.locator('main input[data-option=not_sure]').first()).toBeVisible();
  // Nothing is answered now, so one tap starts over.
  await page.locator('[data-action=restart]').click();
  await expect(page.locator('main input[data-option=not_sure]')).toHaveCount(0);
  await page.reload();
  await expect(page.locator(`${S('red_flags')} h2`)).toBeVisible();
  await expect(page.locator('main input[data-option=not_sure]')).toHaveCount(0);
  await expect(page.locator('main button[data-option=unsure]')).toBeVisible();
});

test('switching language mid-flow keeps the answers and the screen', async ({ page }) => {
  await openFresh(page);
  const answers = { red_flags: {}, ...CONTEXT, ...NO_MODIFIERS, symptoms: ['g_flush'], fl_itch: 'no', fl_course: 'same', fl_sweat_heavy: 'no' };
  await driveTo(page, answers, 'fl_course');
  await expect(page.locator(`${S('fl_course')} h2`)).toHaveText(questionText('fl_course', 'en'));

  await page.locator('button[data-lang=es]').click();
  await expect(page.locator('button[data-lang=es]')).toHaveAttribute('aria-pressed', 'true');
  expect(await currentScreen(page)).toBe('fl_course');
  await expect(page.locator(`${S('fl_course')} h2`)).toHaveText(questionText('fl_course', 'es'));
  await expect(page.locator(`${S('fl_course')} button[data-option=better]`)).toHaveText('Está mejorando');
  await expect(page.locator('[data-action=back]')).toContainText('Atrás');
  // The widget's own page follows: its language (for screen readers) and title.
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page).toHaveTitle(await page.locator('.ic-app h1').textContent());
  await expect(page).toHaveTitle(/siente/);

  expect(await back(page, 'fl_course')).toBe('fl_itch');
  await expect(page.locator(`${S('fl_itch')} h2`)).toHaveText(questionText('fl_itch', 'es'));
  await expectChosen(page, 'fl_itch', 'no');
  await expect(page.locator(`${S('fl_itch')} button[data-option=yes]`)).toHaveText('Sí');
  expect(await back(page, 'fl_itch')).toBe('symptoms');
  await expectTicked(page, 'symptoms', ['g_flush']);

  // The language survives a reload too.
  await page.reload();
  expect(await currentScreen(page)).toBe('symptoms');
  await expect(page.locator(`${S('symptoms')} h2`)).toHaveText(questionText('symptoms', 'es'));
  await expectTicked(page, 'symptoms', ['g_flush']);

  // Back to English on the same screen, answers intact, and on to the result.
  await page.locator('button[data-lang=en]').click();
  await expect(page.locator(`${S('symptoms')} h2`)).toHaveText(questionText('symptoms', 'en'));
  await expectTicked(page, 'symptoms', ['g_flush']);
  await page.locator(`${S('symptoms')} [data-action=next]`).click();
  expect(await waitForScreenChange(page, 'symptoms')).toBe('fl_itch');
  await expectChosen(page, 'fl_itch', 'no');
  const r = await runFlow(page, answers);
  expect(r.visited).toEqual(['fl_itch', 'fl_course', 'fl_sweat_heavy', 'ctx_repeat_use', 'mod_pregnant', 'result']);
  // Flushing that stays the same at 1-6 h is not cleared for self-care.
  expect([r.disposition, r.urgency]).toEqual(['call_clinic', 'today']);
});
