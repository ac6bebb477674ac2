// 2: a whole check with the keyboard only (Tab, Shift+Tab, Space, Enter; no
// mouse, no arrow keys), from the first screen to the result. After every
// answer, focus is on the new screen's heading; every control reached has a
// visible focus indicator.
const { test, expect, openFresh, currentScreen, waitForScreenChange } = require('./helpers');
const { OUTCOMES } = require('./flows');
const { questionText, outcomeTitle } = require('./protocol');

const S = (id) => `main [data-question="${id}"]`;

/** Whether the focused element matches `selector`. */
function focusedIs(page, selector) {
  return page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector);
}

/** Presses `key` (Tab or Shift+Tab) until `selector` has focus. */
async function tabTo(page, selector, key = 'Tab', max = 60) {
  for (let i = 0; i < max; i++) {
    if (await focusedIs(page, selector)) {
      // The focus indicator is visible (WCAG 2.4.7): a real outline.
      const outline = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      expect(outline.style, `focus outline on ${selector}`).not.toBe('none');
      expect(outline.width, `focus outline width on ${selector}`).toBeGreaterThanOrEqual(2);
      await expect(page.locator(selector)).toBeInViewport();
      return i;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${selector}`);
}

/** After an answer: a new screen, with focus on its heading. */
async function expectNewScreen(page, from, to) {
  expect(await waitForScreenChange(page, from)).toBe(to);
  const h2 = to === 'result' ? page.locator('main section[data-disposition] h2') : page.locator(`${S(to)} h2`).first();
  await expect(h2).toBeFocused();
  await expect(h2).toHaveText(to === 'result' ? outcomeTitle('call_today', 'en') : questionText(to, 'en'));
}

// The demo clinic gives every drip: after the first screen, the therapy
// screen (checkboxes, as the symptoms): Space ticks magnesium, Enter on Next.
async function pickMagnesium(page) {
  await tabTo(page, `${S('therapy')} input[data-option=magnesium]`);
  await page.keyboard.press('Space');
  await expect(page.locator(`${S('therapy')} input[data-option=magnesium]`)).toBeChecked();
  await tabTo(page, `${S('therapy')} button[data-action=next]`);
  await page.keyboard.press('Enter');
  await expectNewScreen(page, 'therapy', 'ctx_time_since_end');
}

test('keyboard only: from the first screen to a result, focus on each new heading', async ({ page }) => {
  const flow = OUTCOMES['call the clinic today (flushing the same at 6-24 h)'];
  const answers = flow.answers;
  await openFresh(page);
  await page.evaluate(() => document.activeElement && document.activeElement.blur());

  // Red flags: tick and untick an item with Space, step back with Shift+Tab,
  // then "None of these" with Enter.
  const chest = `${S('red_flags')} input[data-option=rf_chest]`;
  await tabTo(page, chest);
  await page.keyboard.press('Space');
  await expect(page.locator(chest)).toBeChecked();
  await page.keyboard.press('Space');
  await expect(page.locator(chest)).not.toBeChecked();
  // "None of these" is the last box: Space ticks it, Tab goes on to Next.
  await tabTo(page, `${S('red_flags')} input[data-option=none]`);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedIs(page, `${S('red_flags')} input[data-option=rf_worried]`)).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focusedIs(page, `${S('red_flags')} input[data-option=none]`)).toBe(true);
  await page.keyboard.press('Space');
  await expect(page.locator(`${S('red_flags')} input[data-option=none]`)).toBeChecked();
  await page.keyboard.press('Tab');
  expect(await focusedIs(page, `${S('red_flags')} button[data-action=next]`)).toBe(true);
  await page.keyboard.press('Enter');
  await expectNewScreen(page, 'red_flags', 'therapy');
  await pickMagnesium(page);

  const visited = ['red_flags', 'therapy'];
  let id = 'ctx_time_since_end';
  let useSpace = false;
  while (id !== 'result') {
    visited.push(id);
    if (id === 'symptoms') {
      // Tick two, change my mind about one with Shift+Tab and Space, then Next.
      const box = (c) => `${S('symptoms')} input[data-option=${c}]`;
      await tabTo(page, box('g_dizzy'));
      await page.keyboard.press('Space');
      await page.keyboard.press('Shift+Tab');
      expect(await focusedIs(page, box('g_flush'))).toBe(true);
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      expect(await focusedIs(page, box('g_dizzy'))).toBe(true);
      await page.keyboard.press('Space');
      await expect(page.locator(box('g_flush'))).toBeChecked();
      await expect(page.locator(box('g_dizzy'))).not.toBeChecked();
      await tabTo(page, `${S('symptoms')} button[data-action=next]`);
      await page.keyboard.press('Enter');
    } else {
      // One option button: Tab to it, then Enter or Space (both work).
      await tabTo(page, `${S(id)} button[data-option="${answers[id]}"]`);
      await page.keyboard.press(useSpace ? 'Space' : 'Enter');
      useSpace = !useSpace;
    }
    const next = await waitForScreenChange(page, id);
    await expectNewScreen(page, id, next);
    id = next;
  }
  visited.push('result');
  expect(visited).toEqual(Object.keys(answers).concat('result'));

  const result = page.locator('main section[data-disposition]');
  await expect(result).toHaveAttribute('data-disposition', 'call_clinic');
  await expect(result).toHaveAttribute('data-urgency', 'today');
  // The clinic's call button is the next stop after the heading.
  await page.keyboard.press('Tab');
  expect(await focusedIs(page, 'main a[data-action=call-clinic]')).toBe(true);
  await expect(page.locator('main a[data-action=call-clinic]')).toHaveAttribute('href', 'tel:+15550100');
  // And "Start over" is reachable from the keyboard too, and works.
  await tabTo(page, '[data-action=restart]');
  await page.keyboard.press('Enter');
  // The first Enter arms it (focus stays on it); the second clears.
  await expect(page.locator('[data-action=restart]')).toHaveText('Tap again to clear all your answers');
  expect(await focusedIs(page, '[data-action=restart]')).toBe(true);
  await page.keyboard.press('Enter');
  expect(await waitForScreenChange(page, 'result')).toBe('red_flags');
  await expect(page.locator(`${S('red_flags')} h2`)).toBeFocused();
  expect(await currentScreen(page)).toBe('red_flags');
});

test('keyboard only: Back with Enter returns focus to the earlier heading and keeps the answer', async ({ page }) => {
  await openFresh(page);
  await tabTo(page, `${S('red_flags')} input[data-option=none]`);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expectNewScreen(page, 'red_flags', 'therapy');
  await pickMagnesium(page);
  await tabTo(page, `${S('ctx_time_since_end')} button[data-option="1_to_6h"]`);
  await page.keyboard.press('Enter');
  await expectNewScreen(page, 'ctx_time_since_end', 'ctx_at_clinic');
  await tabTo(page, '[data-action=back]');
  await page.keyboard.press('Enter');
  await expectNewScreen(page, 'ctx_at_clinic', 'ctx_time_since_end');
  await expect(page.locator(`${S('ctx_time_since_end')} button[data-option="1_to_6h"]`)).toHaveAttribute('aria-pressed', 'true');
  // Tab from the heading goes straight to the answers.
  await page.keyboard.press('Tab');
  expect(await focusedIs(page, `${S('ctx_time_since_end')} button[data-option=under_1h]`)).toBe(true);
});

test('keyboard only, in the iframe page: no focused control hides under the emergency bars at its top and bottom', async ({ page }) => {
  await page.goto('frame.html#clinic-phone=555-010-0100');
  await expect(page.locator(`${S('red_flags')} h2`)).toBeVisible();
  await expect(page.locator('a[data-action=call-emergency-end]')).toBeVisible();
  let checked = 0;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const m = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el.closest('.ic-emergency')) return null;
      const r = el.getBoundingClientRect();
      return {
        what: el.outerHTML.slice(0, 80), top: r.top, bottom: r.bottom,
        above: document.querySelector('.ic-emergency').getBoundingClientRect().bottom,
        below: document.querySelector('.ic-emergency-end').getBoundingClientRect().top,
      };
    });
    if (!m) continue;
    checked++;
    expect(m.top, `${m.what}: below the top bar`).toBeGreaterThanOrEqual(m.above - 1);
    expect(m.bottom, `${m.what}: above the bottom bar`).toBeLessThanOrEqual(m.below + 1);
  }
  expect(checked).toBeGreaterThan(20);
});

test('keyboard only: ticking "answering for someone else" keeps focus on the box', async ({ page }) => {
  await openFresh(page);
  const box = `${S('red_flags')} input[data-option=helping_someone]`;
  await tabTo(page, box);
  await page.keyboard.press('Space');
  await expect(page.locator(box)).toBeChecked();
  await expect(page.locator(`${S('red_flags')} h2`)).toHaveText(questionText('red_flags', 'en', true));
  // Focus stays where the user is, so Space again unticks it.
  expect(await focusedIs(page, box)).toBe(true);
  await page.keyboard.press('Space');
  await expect(page.locator(box)).not.toBeChecked();
  await expect(page.locator(`${S('red_flags')} h2`)).toHaveText(questionText('red_flags', 'en'));
  // Same for the language buttons.
  await tabTo(page, 'button[data-lang=es]', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('button[data-lang=es]')).toHaveAttribute('aria-pressed', 'true');
  expect(await focusedIs(page, 'button[data-lang=es]')).toBe(true);
});

test('keyboard only: "I\'m not sure what some of these mean" moves focus to the checklist\'s heading, and Tab reaches its first item', async ({ page }) => {
  await openFresh(page);
  await tabTo(page, `${S('red_flags')} button[data-option=unsure]`);
  await page.keyboard.press('Enter');
  // The button is gone (each item now says what it means): focus must not be lost.
  await expect(page.locator(`${S('red_flags')} input[data-option=not_sure]`).first()).toBeVisible();
  await expect(page.locator(`${S('red_flags')} h2`)).toBeFocused();
  await expect(page.locator(`${S('red_flags')} h2`)).toBeInViewport();
  // The live region says which screen this is.
  await expect(page.locator('.ic-live.ic-sr:not([data-restart-live]):not([data-cleared-live])')).toContainText(questionText('red_flags', 'en'));
  await page.keyboard.press('Tab');
  expect(await focusedIs(page, `${S('red_flags')} input[data-option=rf_breath_severe]`)).toBe(true);
});
