// Issue 20's opt-in history: "Keep this check on this phone" (off until
// tapped; the browser's local storage), the last kept check on the next
// result, the repeat-use question (P9) answered "yes" in advance when the
// same problem is back within a day (shown, and changed like any answer),
// "Delete my saved checks", and stored data that cannot be read dropped.
const { test, expect, clearSession, openFresh, setLanguage, runFlow, driveTo, currentScreen } = require('./helpers');
const { BY_LEVEL, levelFallback } = require('./flows');

const KEY = 'infusion-check/history';
const stored = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);
const FLUSH = BY_LEVEL.call_today; // flushing the same at 6-24 h, repeat use "no"

test.use({ serviceWorkers: 'block' });

for (const lang of ['en', 'es']) {
  const W = {
    en: { keep: 'Keep this check on this phone', kept: 'Kept on this phone.', last: /^Your last saved check, (today|yesterday) at \d\d:\d\d: Call the clinic today\.$/, note: /^You kept a check for the same problem (today|yesterday) at \d\d:\d\d, so “Yes” is picked\./, deleted: 'Your saved checks are deleted.' },
    es: { keep: 'Guardar esta revisión en este teléfono', kept: 'Guardada en este teléfono.', last: /^Su última revisión guardada, (hoy|ayer) a las \d\d:\d\d: /, note: /^Usted guardó una revisión por el mismo problema (hoy|ayer) a las \d\d:\d\d/, deleted: 'Sus revisiones guardadas se borraron.' },
  }[lang];

  test(`${lang}: nothing is kept until asked; kept, the next check answers "used it before" for the same problem and shows the last one; deleted`, async ({ page }) => {
    await openFresh(page);
    if (lang === 'es') await setLanguage(page, 'es');
    await runFlow(page, FLUSH, { fallback: levelFallback });
    const result = page.locator('main section[data-disposition]');
    await expect(result).toHaveAttribute('data-urgency', 'today');
    const kept = result.locator('[data-kept]');
    await expect(kept.locator('[data-last-saved]')).toHaveCount(0);
    await expect(kept.locator('[data-action=delete-saved]')).toHaveCount(0);
    expect(await stored(page), 'nothing kept before the patient asks').toBeNull();
    await kept.locator('[data-action=keep]').click();
    await expect(kept.locator('[data-keep-status=kept]')).toHaveText(W.kept);
    // The button stays (focus with it), done: a second tap keeps nothing more.
    await expect(kept.locator('[data-action=keep]')).toBeFocused();
    await expect(kept.locator('[data-action=keep]')).toHaveAttribute('aria-disabled', 'true');
    const once = await stored(page);
    await kept.locator('[data-action=keep]').click({ force: true });
    expect(await stored(page)).toBe(once);
    expect(await stored(page)).toMatch(/^[0-9a-f]+$/);
    // (only the time, the outcome and the problems picked)
    const text = Buffer.from(await stored(page), 'hex').toString('latin1');
    expect(text).toContain('g_flush');
    expect(text).not.toContain('fl_course');

    // A new check in a new tab: the same problem again.
    await clearSession(page);
    await openFresh(page);
    if (lang === 'es') await setLanguage(page, 'es');
    await driveTo(page, FLUSH, 'ctx_repeat_use');
    const q = page.locator('main [data-question=ctx_repeat_use]');
    await expect(q.locator('button[data-option=yes]')).toHaveAttribute('aria-pressed', 'true');
    await expect(q.locator('[data-prefilled]')).toHaveText(W.note);
    // Changed like any answer: "no" stays "no".
    await q.locator('button[data-option=no]').click();
    await page.locator('[data-action=back]').click();
    await expect(q.locator('button[data-option=no]')).toHaveAttribute('aria-pressed', 'true');
    await expect(q.locator('[data-prefilled]')).toHaveCount(0);
    await q.locator('button[data-option=yes]').click();
    const r = await runFlow(page, { ...FLUSH, ctx_repeat_use: 'yes' }, { fallback: levelFallback });
    // P9 / C22: the same problem again within a day, not getting better: call now.
    expect([r.disposition, r.urgency]).toEqual(['call_clinic', 'now']);
    await expect(kept.locator('[data-last-saved]')).toHaveText(W.last);
    await kept.locator('[data-action=delete-saved]').click();
    await expect(kept.locator('[data-keep-status=deleted]')).toHaveText(W.deleted);
    expect(await stored(page)).toBeNull();
    await expect(kept.locator('[data-action=delete-saved]')).toBeFocused();
    await expect(kept.locator('[data-action=delete-saved]')).toHaveAttribute('aria-disabled', 'true');
    await expect(kept.locator('[data-last-saved]')).toHaveCount(0);
  });
}

test('kept data that cannot be read, or from another version, is dropped with a console line, never shown', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('/nurse.html');
  await page.evaluate((k) => localStorage.setItem(k, 'zz-not-hex'), KEY);
  await openFresh(page);
  await expect.poll(() => stored(page)).toBeNull();
  expect(warnings.join('\n')).toContain('the checks saved on this phone were deleted: they could not be read');
  // Another protocol version's (the same format, another key).
  await page.evaluate((k) => {
    const hex = (bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    const str = (s) => [s.length, ...new TextEncoder().encode(s)];
    localStorage.setItem(k, hex([1, ...str('magnesium/1999.01'), 0]));
  }, KEY);
  await clearSession(page);
  await openFresh(page);
  await expect.poll(() => stored(page)).toBeNull();
  expect(warnings.join('\n')).toContain('saved by another version of the check');
  await runFlow(page, FLUSH, { fallback: levelFallback });
  await expect(page.locator('main [data-kept] [data-last-saved]')).toHaveCount(0);
  // A check kept 8 days ago (past its 7): it leaves the phone when the check
  // is next opened (read as it was written: no console line about it).
  const said = warnings.length;
  await page.evaluate((k) => {
    const hex = (bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    const varint = (n) => { const out = []; do { let b = n % 128; n = Math.floor(n / 128); if (n) b |= 128; out.push(b); } while (n); return out; };
    const str = (s) => [...varint(s.length), ...new TextEncoder().encode(s)];
    const key = Object.keys(sessionStorage).find((x) => /^infusion-check\/[^/]+\/[^/]+$/.test(x)).slice('infusion-check/'.length);
    const at = Math.floor(Date.now() / 1000) - 8 * 86400;
    localStorage.setItem(k, hex([1, ...str(key), 1, ...varint(at), 1, 1, ...str('g_flush')]));
  }, KEY);
  await clearSession(page);
  await openFresh(page);
  await expect.poll(() => stored(page)).toBeNull();
  expect(warnings.slice(said).filter((w) => w.startsWith('infusion-check'))).toEqual([]);
});

test('a kept emergency is named as such on the next result; a "yes" given in advance is taken back when the problems picked change', async ({ page }) => {
  await openFresh(page);
  await runFlow(page, BY_LEVEL.emergency, { fallback: levelFallback });
  await page.locator('main [data-kept] [data-action=keep]').click();
  await expect(page.locator('main [data-kept] [data-keep-status=kept]')).toBeVisible();
  // (a kept flushing check too, for the pre-answer)
  await clearSession(page);
  await openFresh(page);
  await runFlow(page, FLUSH, { fallback: levelFallback });
  await expect(page.locator('main [data-kept] [data-last-saved]')).toHaveText(/^Your last saved check, (today|yesterday) at \d\d:\d\d: Emergency\.?$/);
  await expect(page.locator('main [data-kept] [data-last-saved]')).not.toContainText('{');
  await page.locator('main [data-kept] [data-action=keep]').click();

  await clearSession(page);
  await openFresh(page);
  await driveTo(page, FLUSH, 'ctx_repeat_use');
  const q = page.locator('main [data-question=ctx_repeat_use]');
  await expect(q.locator('button[data-option=yes]')).toHaveAttribute('aria-pressed', 'true');
  await expect(q.locator('[data-prefilled]')).toBeVisible();
  // Back to the problems, another one instead (not kept): no "yes" in advance any more.
  for (let i = 0; i < 8 && (await currentScreen(page)) !== 'symptoms'; i++) await page.locator('[data-action=back]').click();
  expect(await currentScreen(page)).toBe('symptoms');
  const symptoms = page.locator('main [data-question=symptoms]');
  await symptoms.locator('input[data-option=g_flush]').uncheck();
  await symptoms.locator('input[data-option=g_headache]').check();
  await symptoms.locator('[data-action=next]').click();
  await driveTo(page, { ...FLUSH, ha_severity: 'mild', ha_usual: 'yes', ha_course: 'better', ha_with: [] }, 'ctx_repeat_use');
  await expect(q.locator('button[aria-pressed=true]')).toHaveCount(0);
  await expect(q.locator('[data-prefilled]')).toHaveCount(0);
});
