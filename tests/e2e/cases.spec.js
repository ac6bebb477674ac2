// 5: every patient case answered through the screens, and the widget's result
// compared with the live engine's (the native CLI, run once per worker):
// disposition, urgency, the rules the result names, and the screens asked.
// The shared magnesium cases on the standalone page (its demo clinic); each
// therapy pack's cases (clinical/packs/*-cases.json) on the iframe page with
// the case's packs: one pack preset (`therapy`), several offered
// (`therapies`) and picked on the therapy screen as "I'm not sure" (which is
// all of them).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { test, expect, ROOT, openFresh, runFlow, choiceOptions, screenKind, widgetMounted } = require('./helpers');

const FILES = [
  path.resolve(ROOT, '..', 'shared', 'cases', 'magnesium.json'),
  ...['iron', 'vitamin-c', 'vitamin-drip'].map((p) => path.join(ROOT, 'clinical', 'packs', `${p}-cases.json`)),
];

test.describe.configure({ mode: 'parallel' });

/** The engine's answer for every case of every file, from the native CLI. */
let engine;
test.beforeAll(async () => {
  test.setTimeout(600_000); // the first run may compile the CLI
  engine = new Map();
  for (const file of FILES) {
    const out = execFileSync('cargo', ['run', '--release', '-q', '--', 'eval', file, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const r of JSON.parse(out)) engine.set(`${path.basename(file)}:${r.id}`, r);
  }
});

const ALL = FILES.map((file) => ({ file, cases: JSON.parse(fs.readFileSync(file, 'utf8')).cases }));

test('the engine answered every case', () => {
  for (const { file, cases } of ALL) {
    expect(cases.length, file).toBeGreaterThanOrEqual(25);
    for (const c of cases) expect(engine.has(`${path.basename(file)}:${c.id}`), `${file} ${c.id}`).toBe(true);
  }
  for (const r of engine.values()) expect(['emergency', 'call_clinic', 'self_care']).toContain(r.disposition);
});

/** Checklist items a case may give one by one, and their checklist. */
const ITEM_OF = {
  fo_: 'faint_followup',
  iv_hard: 'iv_signs', iv_hot: 'iv_signs', iv_pus: 'iv_signs', iv_cool_pale: 'iv_signs', fe_stain: 'iv_signs',
};

/** The case's answers, keyed by screen: checklist items go to their checklist. */
function screenAnswers(c) {
  const out = {};
  for (const [k, v] of Object.entries(c.answers)) {
    const list = ITEM_OF[k] || (k.startsWith('fo_') ? ITEM_OF.fo_ : null);
    if (list) out[list] = { ...(out[list] || {}), [k]: v };
    else out[k] = v;
  }
  return out;
}

// (a case that does not know what was in the drip: every pack, picked as "I'm not sure")
const EVERY_PACK = ['magnesium', 'iron', 'vitamin-c', 'vitamin-drip'];
for (const { file, cases } of ALL) for (const c of cases) {
  const packs = !c.packs ? [] : c.packs.length && c.packs_known !== false ? c.packs : EVERY_PACK;
  test(`case ${c.id} (${packs.join(' + ') || 'magnesium'}) through the UI matches the engine`, async ({ page }, testInfo) => {
    const e = engine.get(`${path.basename(file)}:${c.id}`);
    expect(e, `the engine has case ${c.id}`).toBeTruthy();
    const answers = screenAnswers(c);
    if (packs.length === 0) {
      await openFresh(page);
    } else {
      const key = packs.length === 1 ? 'therapy' : 'therapies';
      await page.goto(`/frame.html#clinic-phone=%2B1%20555%200100&lang=en&${key}=${encodeURIComponent(packs.join(' '))}`);
      await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
      await widgetMounted(page);
      answers.therapy = ['not_sure'];
    }
    const omitted = [];
    const r = await runFlow(page, answers, {
      // A screen the case does not answer: "not sure" where offered (what the
      // engine assumes), noted in the report.
      fallback: async (id) => {
        const kind = await screenKind(page, id);
        omitted.push(id);
        if (kind === 'choice') {
          const opts = await choiceOptions(page, id);
          return opts.includes('not_sure') ? 'not_sure' : opts[0];
        }
        throw new Error(`case ${c.id} does not answer the ${kind} screen ${id}`);
      },
    });
    if (omitted.length) testInfo.annotations.push({ type: 'not answered by the case', description: omitted.join(', ') });
    testInfo.annotations.push({
      type: 'result',
      description: `UI ${r.disposition}/${r.urgency || '-'}; engine ${e.disposition}/${e.urgency || '-'} [${e.fired.join(' ')}]; expected by the case ${c.expect.disposition}/${c.expect.urgency || '-'}`,
    });
    expect({ disposition: r.disposition, urgency: r.urgency }, `visited ${r.visited.join(' ')}; the engine asked ${e.asked.join(' ')}`).toEqual({
      disposition: e.disposition,
      urgency: e.urgency || '',
    });
    // The reasons the result shows are rules the engine fired.
    const shown = await page
      .locator('main .ic-why [data-rule]')
      .evaluateAll((ls) => ls.map((l) => l.getAttribute('data-rule')));
    expect(shown.length, 'the result says why').toBeGreaterThan(0);
    for (const id of shown) expect(e.fired, `rule ${id} shown on the result`).toContain(id);
    // The UI asked exactly the screens the engine asks for this case (it
    // asks only what can change the outcome).
    // (the therapy screen is the widget's own, not the protocol's)
    expect(r.visited.slice(0, -1).filter((id) => id !== 'therapy'), 'the screens the UI showed').toEqual(e.asked);
    if (packs.length > 1 && e.disposition !== 'emergency') expect(r.visited, 'the patient was asked what was in the drip').toContain('therapy');
  });
}
