// The setup page's drips (the `therapy` and `therapies` keys): a checkbox a
// drip, in plain words, and whether patients choose or every patient had the
// same drip. Magnesium alone, the widget's default, writes neither key; two
// drips to choose from write `therapies`, a preset writes `therapy`; in every
// form the page offers (the custom element, the iframe, the patient's link).
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;

async function codes(page) {
  return {
    element: await page.locator('#out-element').inputValue(),
    iframe: await page.locator('#out-iframe').inputValue(),
    link: await page.locator('#out-link').inputValue(),
  };
}
const hashOf = (link) => Object.fromEntries(new URL(link).hash.slice(1).split('&').map((p) => p.split('=').map(decodeURIComponent)));

test('the setup page: the drips a clinic gives go into the snippet, the iframe code and the link as therapies or therapy', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/setup.html');
  const drips = page.getByRole('group', { name: /What drips do you give/ });
  await expect(drips.getByRole('checkbox')).toHaveCount(4);
  // In plain words, each a labelled target of at least 48 pixels; magnesium ticked to start.
  for (const [name, checked] of [['Magnesium', true], ['Iron', false], ['Vitamin C, a large dose', false], ["A vitamin drip (Myers'-type) or fluids only", false]]) {
    const box = drips.getByRole('checkbox', { name, exact: true });
    checked ? await expect(box).toBeChecked() : await expect(box).not.toBeChecked();
    const row = await box.locator('xpath=..').boundingBox();
    expect(row.height, `${name}: its label's height`).toBeGreaterThanOrEqual(48);
  }
  const mode = page.getByRole('group', { name: /more than one drip/ });
  await expect(mode.getByRole('radio', { name: /Patients choose on a first question/ })).toBeChecked();

  await page.locator('#f-clinic-phone').fill('+1 555 0100');
  await page.locator('#f-after-hours-phone').fill('+1 555 0199');
  await expect(page.locator('#out-element')).not.toHaveValue('');
  // Magnesium alone: as every embed today, no key at all.
  let c = await codes(page);
  for (const [what, text] of Object.entries(c)) expect(text, what).not.toMatch(/therap/);

  // Two drips, patients choose: therapies, in the widget's order.
  await drips.getByRole('checkbox', { name: 'Magnesium', exact: true }).uncheck();
  await drips.getByRole('checkbox', { name: 'Vitamin C, a large dose' }).check();
  await drips.getByRole('checkbox', { name: 'Iron', exact: true }).check();
  await expect(page.locator('#out-element')).toHaveValue(/ therapies="iron vitamin-c"/);
  c = await codes(page);
  expect(c.element).not.toContain('therapy=');
  expect(hashOf(c.link)).toMatchObject({ therapies: 'iron vitamin-c' });
  expect(hashOf(c.link).therapy).toBeUndefined();
  expect(c.iframe).toContain('therapies=iron%20vitamin-c');
  await expect(page.locator('#preview')).toHaveAttribute('src', /therapies=iron%20vitamin-c/);
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations.map((v) => v.id), 'axe').toEqual([]);

  // The same drip for every patient: therapy.
  await mode.getByRole('radio', { name: /Every patient here had the same drip/ }).check();
  await expect(page.locator('#out-element')).toHaveValue(/ therapy="iron vitamin-c"/);
  c = await codes(page);
  expect(c.element).not.toContain('therapies=');
  expect(hashOf(c.link)).toMatchObject({ therapy: 'iron vitamin-c' });
  expect(hashOf(c.link).therapies).toBeUndefined();
  expect(c.iframe).toContain('therapy=iron%20vitamin-c');

  // One drip (not magnesium): therapy, whichever the choice.
  await mode.getByRole('radio', { name: /Patients choose/ }).check();
  await drips.getByRole('checkbox', { name: 'Iron', exact: true }).uncheck();
  await expect(page.locator('#out-element')).toHaveValue(/ therapy="vitamin-c"/);
  expect(hashOf(await page.locator('#out-link').inputValue())).toMatchObject({ therapy: 'vitamin-c' });

  // None ticked: no code, and why.
  await drips.getByRole('checkbox', { name: 'Vitamin C, a large dose' }).uncheck();
  await expect(page.locator('#issues')).toContainText('What drips do you give: tick at least one');
  await expect(page.locator('#code')).toBeHidden();
  expect(await codes(page)).toEqual({ element: '', iframe: '', link: '' });

  // Magnesium alone again: no key.
  await drips.getByRole('checkbox', { name: 'Magnesium', exact: true }).check();
  await expect(page.locator('#code')).toBeVisible();
  c = await codes(page);
  for (const [what, text] of Object.entries(c)) expect(text, what).not.toMatch(/therap/);
  expect(errors).toEqual([]);
});
