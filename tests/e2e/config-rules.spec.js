// The JavaScript's configuration rules (web/rules.js: what the loaders and the
// setup page use before and beside the wasm) against the fixture the widget's
// own rules (src/config.rs) and the WordPress plugin's are tested with:
// tests/config-rules.json. Plain Node: no page needed.
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');
const fixture = require('../config-rules.json');

const PHONES = ['clinic-phone', 'after-hours-phone', 'emergency-number'];

test('phone numbers and clinic names: the same as the widget, case by case', async () => {
  // (as an ES module: the package's .js files are CommonJS to Node)
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'web', 'rules.js'));
  const rules = await import(`data:text/javascript;base64,${source.toString('base64')}`);
  let checked = 0;
  for (const c of fixture.cases) {
    const what = `${c.key} = ${JSON.stringify(c.value)}`;
    if (PHONES.includes(c.key)) {
      const p = rules.checkPhone(c.value);
      expect(p.error, what).toBe(c.error);
      expect(p.text, what).toBe(c.ok);
      expect(p.href, what).toBe(c.tel === undefined ? undefined : `tel:${c.tel}`);
      expect(rules.phone(c.value)?.href, what).toBe(c.tel === undefined ? undefined : `tel:${c.tel}`);
      checked++;
    } else if (c.key === 'clinic-name') {
      expect(rules.clinicName(c.value), what).toBe(c.ok ?? '');
      checked++;
    }
  }
  expect(checked, 'cases checked').toBeGreaterThan(35);
});

test('opening hours and their time zone: the same as the widget, case by case', async () => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'web', 'rules.js'));
  const rules = await import(`data:text/javascript;base64,${source.toString('base64')}`);
  let checked = 0;
  for (const c of fixture.cases.filter((c) => c.key === 'hours' || c.key === 'timezone')) {
    const got = c.key === 'hours' ? rules.checkHours(c.value) : rules.checkZone(c.value);
    expect(got, `${c.key} = ${JSON.stringify(c.value)}`).toEqual(c.error === undefined ? { ok: c.ok } : { error: c.error });
    checked++;
  }
  expect(checked, 'cases checked').toBeGreaterThan(25);
});

test('therapy and therapies: the packs the widget asks about, case by case', async () => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'web', 'rules.js'));
  const rules = await import(`data:text/javascript;base64,${source.toString('base64')}`);
  expect(rules.PACKS).toEqual(['magnesium', 'iron', 'vitamin-c', 'vitamin-drip']);
  expect(Object.keys(rules.PACK_LABELS)).toEqual(rules.PACKS);
  let checked = 0;
  for (const c of fixture.cases.filter((c) => c.key === 'therapy' || c.key === 'therapies')) {
    const { packs, unknown } = rules.checkTherapy(c.value);
    // The widget's use of one key alone: an unknown name, every pack; nothing, magnesium.
    const used = unknown.length ? rules.PACKS : packs.length ? packs : ['magnesium'];
    const error = rules.therapyMessage(unknown) || undefined;
    expect({ ok: used.join(' '), error }, `${c.key} = ${JSON.stringify(c.value)}`).toEqual({ ok: c.ok, error: c.error });
    checked++;
  }
  expect(checked, 'cases checked').toBeGreaterThan(15);
});
