// A pack's wording of core options (PROTOCOL-NOTES FE-D4, VC-D14, VD-D8), on
// the screens: with iron, "A problem where the IV needle was" names the brown
// mark and "Something on this list" names iron's effects; without iron
// (magnesium), neither. Screenshots of both iron screens at 390×844 in
// test-results/pack-wording-<lang>-<screen>.png (symptoms: the viewport
// around the IV-spot option; gn_what: the whole page).
const path = require('path');
const { test, expect, RESULTS, widgetMounted, driveTo, answer } = require('./helpers');

const WORDS = {
  en: { brown: 'bruise, brown mark, lump', metal: 'A metal taste.', core: 'Nearly fainting at the needle while staff watched.' },
  es: { brown: 'moretón, mancha café, bulto', metal: 'Sabor a metal.', core: 'Casi desmayarse con la aguja mientras el personal estaba presente.' },
};

const TO_SYMPTOMS = { red_flags: {}, ctx_time_since_end: '6_to_24h' };

async function open(page, lang, therapy) {
  await page.goto(`/frame.html#clinic-phone=%2B1%20555%200100&lang=${lang}&therapy=${therapy}`);
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  await widgetMounted(page);
  await expect(page.locator('.ic-app')).toHaveAttribute('lang', lang);
}

for (const lang of ['en', 'es']) {
  const w = WORDS[lang];
  test(`${lang}: with iron, the IV-spot symptom names the brown mark and the earlier-effects list names iron's`, async ({ page }) => {
    await open(page, lang, 'iron');
    await driveTo(page, TO_SYMPTOMS, 'symptoms');
    const symptoms = page.locator('main [data-question="symptoms"]');
    await expect(symptoms).toContainText(w.brown);
    // (the screen as the phone shows it, the IV-spot option in the middle:
    // a full-page shot would draw the sticky emergency bar over it)
    await symptoms.locator('[data-option="g_site"]').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: path.join(RESULTS, `pack-wording-${lang}-symptoms.png`), animations: 'disabled' });
    expect(await answer(page, 'symptoms', ['g_none'])).toBe('gn_what');
    const earlier = page.locator('main [data-question="gn_what"]');
    await expect(earlier).toContainText(w.core);
    await expect(earlier).toContainText(w.metal);
    await page.screenshot({ path: path.join(RESULTS, `pack-wording-${lang}-gn_what.png`), fullPage: true, animations: 'disabled' });
  });

  test(`${lang}: with magnesium, the core's wording only`, async ({ page }) => {
    await open(page, lang, 'magnesium');
    await driveTo(page, TO_SYMPTOMS, 'symptoms');
    await expect(page.locator('main [data-question="symptoms"]')).not.toContainText(w.brown);
    expect(await answer(page, 'symptoms', ['g_none'])).toBe('gn_what');
    const earlier = page.locator('main [data-question="gn_what"]');
    await expect(earlier).toContainText(w.core);
    await expect(earlier).not.toContainText(w.metal);
  });
}
