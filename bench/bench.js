#!/usr/bin/env node
// The measuring half of scripts/bench (which builds the three pages and serves
// them). Two commands:
//   node bench/bench.js capture WIDGET_URL DIST_DIR OUT_DIR
//     renders the widget's first screen and writes it as a script-free page
//     (the static floor) into OUT_DIR, with the same stylesheets.
//   node bench/bench.js measure
//     measures the three pages (sizes, Lighthouse mobile, 4x-CPU start and
//     taps, memory), writes bench/results.json and bench/results.svg and
//     prints a table. Reads BENCH_* variables (set by scripts/bench).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const { chromium } = require('@playwright/test');

const ROOT = path.resolve(__dirname, '..');
const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// A phone, as in the end-to-end tests.
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
  timezoneId: 'UTC',
  colorScheme: 'light',
};
const CPU_RATE = 4;

// The widget is usable once its wasm has mounted (it sets its root's style
// through CSSOM): the page shows the first screen as HTML before that, ticks
// work, and a Next tapped then waits for it (web/main.js).
const WIDGET_READY = 'infusion-check > [style] [data-question=red_flags] [data-action=next], infusion-check > div:not([data-prerendered]) [data-question=red_flags] [data-action=next]';
const FLOOR_READY = 'button[data-action=tap]';

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const log = (...a) => console.error('[bench]', ...a);

async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROME_ARGS });
}

// ---------------------------------------------------------------- capture
async function capture(widgetUrl, distDir, outDir) {
  const browser = await launch();
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(widgetUrl);
  await page.waitForSelector(WIDGET_READY);
  await page.waitForFunction((sel) => !document.querySelector(sel).disabled, WIDGET_READY);
  const inner = await page.evaluate(() => document.querySelector('infusion-check').innerHTML);
  await browser.close();

  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const open = html.match(/<infusion-check\b[^>]*>/);
  const end = html.indexOf('</infusion-check>');
  if (!open || end < 0) throw new Error('no <infusion-check> element in dist/index.html');
  let out = html.slice(0, open.index + open[0].length) + inner + html.slice(end);
  out = out.replace(/[ \t]*<script\b[^>]*>[\s\S]*?<\/script>\s*\n?/g, '');
  // Nor the widget's preloads (the wasm, its glue) and their comment.
  out = out.replace(/[ \t]*<!--[^>]*-->\s*\n?/g, '').replace(/[ \t]*<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>\s*\n?/g, '');
  if (/<script|preload/i.test(out)) throw new Error('the static floor still has a script or a preload');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'index.html'), out);
  // The same stylesheets (hashed names), and what the head links besides.
  const links = [...out.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]).filter((h) => !/^(data:|https?:)/.test(h));
  const extra = [];
  for (const href of links) {
    const src = path.join(distDir, href);
    if (!fs.existsSync(src)) continue;
    fs.mkdirSync(path.dirname(path.join(outDir, href)), { recursive: true });
    fs.copyFileSync(src, path.join(outDir, href));
    if (href.endsWith('.webmanifest')) {
      const m = JSON.parse(fs.readFileSync(src, 'utf8'));
      for (const icon of m.icons || []) extra.push(icon.src);
    }
  }
  for (const href of extra) {
    const src = path.join(distDir, href);
    if (fs.existsSync(src)) fs.copyFileSync(src, path.join(outDir, href));
  }
  log(`static floor: ${out.length} bytes of HTML, ${links.length} linked files`);
}

// ---------------------------------------------------------------- sizes
function sizesOf(dir) {
  const files = {};
  const walk = (d) => {
    for (const f of fs.readdirSync(d).sort()) {
      const p = path.join(d, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (!/\.(br|gz)$/.test(f) && f !== 'sizes.json') {
        const s = (ext) => (fs.existsSync(p + ext) ? fs.statSync(p + ext).size : null);
        files[path.relative(dir, p)] = { raw: fs.statSync(p).size, gzip: s('.gz'), brotli: s('.br') };
      }
    }
  };
  walk(dir);
  return files;
}

// The totals of the three pages, defined alike: wasm+JS = the wasm and its
// glue (pkg/); first screen = what the first screen loads (HTML, main.js with
// packs.js bundled in, stylesheets, wasm and glue, the English protocol file),
// as in scripts/sizes; the same in Spanish (the widget only).
function totals(files) {
  const keys = Object.keys(files);
  const wasmJs = keys.filter((k) => k.startsWith('pkg/') && /\.(wasm|js)$/.test(k));
  const page = (lang) => keys
    .filter((k) => ['index.html', 'main.js'].includes(k) || (k.startsWith('style/') && k.endsWith('.css')) || (k.startsWith(`pkg/magnesium-${lang}`) && k.endsWith('.bin')))
    .concat(wasmJs);
  const first = page('en');
  const firstEs = keys.some((k) => k.startsWith('pkg/magnesium-es')) ? page('es') : null;
  const sum = (ks, enc) => ks.reduce((a, k) => a + (files[k][enc] ?? files[k].raw), 0);
  const t = {};
  for (const enc of ['raw', 'gzip', 'brotli']) {
    t[`wasm_js_${enc}`] = sum(wasmJs, enc);
    t[`first_screen_${enc}`] = sum(first, enc);
    t[`first_screen_es_${enc}`] = firstEs ? sum(firstEs, enc) : null;
  }
  t.first_screen_files = first;
  return t;
}

// ---------------------------------------------------------------- Lighthouse
function lighthouseOnce(name, url, i, outDir) {
  const bin = path.join(__dirname, 'node_modules', '.bin', 'lighthouse');
  const file = path.join(outDir, `${name}-${i + 1}.json`);
  const r = spawnSync(
    bin,
    [
      url,
      '--quiet',
      '--form-factor=mobile',
      // Applied (DevTools) throttling: the page really loads at 4x CPU and a slow
      // network. Lighthouse's default, simulated throttling, replays an unthrottled
      // load, in which the widget's wasm has taken over before the first paint, and
      // so charges the wasm to the paint of a first screen the page's HTML carries.
      '--throttling-method=devtools',
      '--only-categories=performance,accessibility,best-practices,seo',
      '--output=json',
      `--output-path=${file}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`lighthouse ${name} failed: ${r.stderr}`);
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (j.runtimeError) throw new Error(`lighthouse ${name}: ${j.runtimeError.message}`);
  const cat = (k) => (j.categories[k].score == null ? null : Math.round(j.categories[k].score * 100));
  const num = (k) => j.audits[k]?.numericValue ?? null;
  const run = {
    performance: cat('performance'),
    accessibility: cat('accessibility'),
    best_practices: cat('best-practices'),
    seo: cat('seo'),
    fcp_ms: round(num('first-contentful-paint'), 0),
    lcp_ms: round(num('largest-contentful-paint'), 0),
    tbt_ms: round(num('total-blocking-time'), 0),
    cls: round(num('cumulative-layout-shift'), 4),
    speed_index_ms: round(num('speed-index'), 0),
    tti_ms: round(num('interactive'), 0),
    total_byte_weight: num('total-byte-weight'),
  };
  log(`lighthouse ${name} ${i + 1}: perf ${run.performance}, FCP ${run.fcp_ms} ms, LCP ${run.lcp_ms} ms, TBT ${run.tbt_ms} ms`);
  return { run, version: j.lighthouseVersion };
}

function lighthouseSummary(results) {
  const runs = results.map((r) => r.run);
  const med = {};
  for (const k of Object.keys(runs[0])) med[k] = median(runs.map((r) => r[k]));
  return { median: med, runs, version: results[0].version };
}

// ---------------------------------------------------------------- 4x CPU
// Set before any document: resolves window.__benchReady when `sel` is in the
// page and enabled; times are performance.now() (from navigation start), the
// moment the mutation shows it and one animation frame later.
function readyScript(sel) {
  return `(() => {
    const sel = ${JSON.stringify(sel)};
    window.__benchReady = new Promise((resolve) => {
      let done = false;
      const check = () => {
        if (done) return;
        const el = document.querySelector(sel);
        if (!el || el.disabled) return;
        done = true;
        const found = performance.now();
        mo.disconnect();
        requestAnimationFrame(() => resolve({ found, frame: performance.now() }));
      };
      const mo = new MutationObserver(check);
      mo.observe(document, { subtree: true, childList: true, attributes: true });
      check();
    });
  })();`;
}

// The wasm memories the page makes, recorded by the bench itself (the widget
// as shipped has no hook for it): WebAssembly's instantiation wrapped before
// any script runs.
const MEMORY_SCRIPT = `(() => {
  const mems = (window.__benchWasmMemories = []);
  const keep = (r) => { const i = r.instance ?? r; for (const v of Object.values(i.exports)) if (v instanceof WebAssembly.Memory) mems.push(v); return r; };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const f = WebAssembly[name];
    WebAssembly[name] = (...a) => f.apply(WebAssembly, a).then(keep);
  }
})();`;

async function throttledPage(browser, readySel) {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(MEMORY_SCRIPT);
  if (readySel) await context.addInitScript(readyScript(readySel));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  return { context, page, cdp, errors };
}

async function pageTimings(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { load_ms: nav ? nav.loadEventEnd : null, dcl_ms: nav ? nav.domContentLoadedEventEnd : null, fcp_ms: fcp ? fcp.startTime : null };
  });
}

async function startOnce(browser, kind, url) {
  const sel = kind === 'yew_floor' ? FLOOR_READY : WIDGET_READY;
  const { context, page, errors } = await throttledPage(browser, sel);
  await page.goto(url, { waitUntil: 'load' });
  const ready = await page.evaluate(() => window.__benchReady);
  // Let a late loadEventEnd be written.
  await page.waitForFunction(() => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0);
  const t = await pageTimings(page);
  await context.close();
  if (errors.length) throw new Error(`${kind}: page errors: ${errors.join('; ')}`);
  const usable = kind === 'static' ? t.load_ms : ready.frame;
  return { usable_ms: usable, ready_found_ms: ready.found, ready_frame_ms: ready.frame, ...t };
}

function startSummary(out) {
  const med = {};
  for (const k of Object.keys(out[0])) med[k] = round(median(out.map((r) => r[k])));
  return { median: med, runs: out.map((r) => round(r.usable_ms)) };
}

// In the page: answers a whole flow to the result, timing each tap from just
// before element.click() to a MutationObserver seeing the next screen, plus
// one animation frame.
async function driveFlow() {
  const screenId = () => {
    const el = document.querySelector('.ic-screen[data-question], [data-disposition]');
    if (!el) return null;
    return el.hasAttribute('data-disposition') ? 'result:' + el.getAttribute('data-disposition') : el.getAttribute('data-question');
  };
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const tap = (el) =>
    new Promise((resolve, reject) => {
      const prev = screenId();
      let t0 = 0;
      const timer = setTimeout(() => {
        mo.disconnect();
        reject(new Error(`no next screen after tapping on ${prev}`));
      }, 20000);
      const mo = new MutationObserver(() => {
        const now = screenId();
        if (now === null || now === prev) return;
        const seen = performance.now();
        mo.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve({ from: prev, to: now, ms: performance.now() - t0, dom_ms: seen - t0 }));
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-question', 'data-disposition'] });
      t0 = performance.now();
      el.click();
    });
  const q = (sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`no ${sel} on ${screenId()}`);
    return el;
  };
  const plan = {
    ctx_respondent: 'button[data-option=me]',
    ctx_at_clinic: 'button[data-option=no]',
    ctx_time_since_end: 'button[data-option="1_to_6h"]',
    ctx_repeat_use: 'button[data-option=no]',
    gn_what: 'button[data-option=expected_effect]',
  };
  const taps = [];
  for (let step = 0; step < 60; step++) {
    const id = screenId();
    if (id && id.startsWith('result:')) return { taps, result: id.slice(7) };
    let sel = plan[id];
    if (!sel && id && id.startsWith('mod_')) sel = 'button[data-option=no]';
    if (id === 'red_flags') {
      q('[data-question=red_flags] input[data-option=none]').click();
      await frame();
      await frame();
      sel = '[data-question=red_flags] [data-action=next]';
    }
    // (the demo clinic offers four drips: the patient picks magnesium's)
    if (id === 'therapy') {
      q('[data-question=therapy] input[data-option=magnesium]').click();
      await frame();
      await frame();
      sel = '[data-question=therapy] [data-action=next]';
    }
    if (id === 'symptoms') {
      q('input[data-option=g_none]').click();
      await frame();
      await frame();
      sel = '[data-question=symptoms] [data-action=next]';
    }
    if (!sel) throw new Error(`the bench does not know the screen ${id}`);
    taps.push(await tap(q(sel)));
    await frame();
  }
  throw new Error('no result after 60 taps');
}

// The same timing on the Yew floor: a tap on its button to the counter's text changing.
async function driveFloorTaps(n) {
  const taps = [];
  for (let i = 0; i < n; i++) {
    const p = document.querySelector('main p');
    const before = p.textContent;
    taps.push(
      await new Promise((resolve) => {
        let t0 = 0;
        const mo = new MutationObserver(() => {
          if (p.textContent === before) return;
          mo.disconnect();
          requestAnimationFrame(() => resolve({ ms: performance.now() - t0 }));
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        t0 = performance.now();
        document.querySelector('button[data-action=tap]').click();
      }),
    );
    await new Promise((r) => requestAnimationFrame(() => r()));
  }
  return { taps };
}

async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n) => metrics.find((m) => m.name === n)?.value ?? null;
  const wasm = await page.evaluate(() => (window.__benchWasmMemories ?? []).reduce((n, m) => n + m.buffer.byteLength, 0));
  return { js_heap_used: get('JSHeapUsedSize'), js_heap_total: get('JSHeapTotalSize'), wasm_memory: wasm };
}

async function flowOnce(browser, kind, url) {
  const sel = kind === 'yew_floor' ? FLOOR_READY : WIDGET_READY;
  const { context, page, cdp, errors } = await throttledPage(browser, kind === 'static' ? null : sel);
  await page.goto(url, { waitUntil: 'load' });
  let r = { taps: [] };
  if (kind === 'widget') {
    await page.evaluate(() => window.__benchReady);
    r = await page.evaluate(driveFlow);
  } else if (kind === 'yew_floor') {
    await page.evaluate(() => window.__benchReady);
    r = await page.evaluate(driveFloorTaps, 18);
  }
  const mem = await memory(page, cdp);
  await context.close();
  if (errors.length) throw new Error(`${kind}: page errors: ${errors.join('; ')}`);
  return { ms: r.taps.map((t) => t.ms), result: r.result, mem };
}

function flowSummary(kind, flows) {
  const perFlow = flows.map((f) => median(f.ms));
  const all = flows.flatMap((f) => f.ms).sort((a, b) => a - b);
  const mem = {};
  for (const k of Object.keys(flows[0].mem)) mem[k] = median(flows.map((f) => f.mem[k]));
  const taps =
    kind === 'static'
      ? null
      : {
          median_ms: round(median(perFlow)),
          per_flow_median_ms: perFlow.map((x) => round(x)),
          pooled_median_ms: round(median(all)),
          pooled_p90_ms: round(all[Math.min(all.length - 1, Math.floor(all.length * 0.9))]),
          max_ms: round(all.at(-1)),
          taps_per_flow: all.length / flows.length,
          flows: flows.length,
          ...(kind === 'widget' ? { result_disposition: flows[0].result } : {}),
        };
  return { taps, memory: mem };
}

// ---------------------------------------------------------------- report
const PAGES = ['widget', 'yew_floor', 'static'];
const LABEL = { widget: 'widget', yew_floor: 'Yew floor', static: 'static floor' };

function ratio(a, b) {
  if (a == null || b == null || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

function figuresOf(p) {
  return {
    wasm_js_brotli: p.sizes.totals.wasm_js_brotli,
    wasm_js_gzip: p.sizes.totals.wasm_js_gzip,
    wasm_js_raw: p.sizes.totals.wasm_js_raw,
    first_screen_brotli: p.sizes.totals.first_screen_brotli,
    first_screen_gzip: p.sizes.totals.first_screen_gzip,
    first_screen_raw: p.sizes.totals.first_screen_raw,
    first_screen_es_brotli: p.sizes.totals.first_screen_es_brotli,
    lh_performance: p.lighthouse.median.performance,
    lh_accessibility: p.lighthouse.median.accessibility,
    lh_best_practices: p.lighthouse.median.best_practices,
    lh_seo: p.lighthouse.median.seo,
    lh_fcp_ms: p.lighthouse.median.fcp_ms,
    lh_lcp_ms: p.lighthouse.median.lcp_ms,
    lh_tbt_ms: p.lighthouse.median.tbt_ms,
    lh_cls: p.lighthouse.median.cls,
    lh_total_byte_weight: p.lighthouse.median.total_byte_weight,
    cpu4x_first_usable_ms: p.cpu4x.first_usable.median.usable_ms,
    cpu4x_fcp_ms: p.cpu4x.first_usable.median.fcp_ms,
    cpu4x_tap_to_next_screen_ms: p.cpu4x.taps ? p.cpu4x.taps.median_ms : null,
    js_heap_used: p.memory.js_heap_used,
    wasm_memory: p.memory.wasm_memory,
  };
}

function svgChart(pages) {
  const W = 760, H = 350;
  const panels = [
    { title: 'wasm + JS (brotli kB)', get: (p) => p.sizes.totals.wasm_js_brotli / 1000, fmt: (v) => v.toFixed(1) },
    { title: 'first screen (brotli kB)', get: (p) => p.sizes.totals.first_screen_brotli / 1000, fmt: (v) => v.toFixed(1) },
    { title: 'first usable screen, 4× CPU (ms)', get: (p) => p.cpu4x.first_usable.median.usable_ms, fmt: (v) => v.toFixed(0) },
  ];
  const colors = { widget: '#1f5fa8', yew_floor: '#d08a1e', static: '#5f9e4a' };
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const pw = (W - 40) / panels.length, top = 70, base = H - 70, bh = base - top - 18;
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">\n`;
  s += `<rect width="${W}" height="${H}" fill="#fff"/>\n`;
  s += `<text x="20" y="26" font-size="16" font-weight="bold" fill="#111">infusion-check against its floors</text>\n`;
  s += `<text x="20" y="46" fill="#444">${esc(pages.widget.date_note)}</text>\n`;
  let lx = W - 20;
  for (const k of [...PAGES].reverse()) {
    const w = 16 + LABEL[k].length * 7;
    lx -= w;
    s += `<rect x="${lx}" y="16" width="10" height="10" fill="${colors[k]}"/><text x="${lx + 14}" y="25" fill="#111">${esc(LABEL[k])}</text>\n`;
    lx -= 10;
  }
  panels.forEach((panel, i) => {
    const x0 = 20 + i * pw;
    const vals = PAGES.map((k) => panel.get(pages[k]) || 0);
    const max = Math.max(...vals) || 1;
    const bw = (pw - 60) / 3;
    s += `<text x="${x0 + pw / 2 - 10}" y="${base + 30}" text-anchor="middle" fill="#111" font-weight="bold">${esc(panel.title)}</text>\n`;
    s += `<line x1="${x0 + 10}" y1="${base}" x2="${x0 + pw - 30}" y2="${base}" stroke="#888"/>\n`;
    PAGES.forEach((k, j) => {
      const v = vals[j];
      const h = Math.max(1, (v / max) * bh);
      const x = x0 + 20 + j * bw;
      s += `<rect x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(bw - 8).toFixed(1)}" height="${h.toFixed(1)}" fill="${colors[k]}"/>`;
      s += `<text x="${(x + (bw - 8) / 2).toFixed(1)}" y="${(base - h - 5).toFixed(1)}" text-anchor="middle" fill="#111">${esc(panel.fmt(v))}</text>\n`;
    });
  });
  s += `<text x="20" y="${H - 12}" fill="#444">${esc(pages.widget.foot_note)}</text>\n`;
  s += `</svg>\n`;
  return s;
}

function table(pages, ratios) {
  const rows = [
    ['wasm+JS brotli (bytes)', 'wasm_js_brotli'],
    ['wasm+JS gzip (bytes)', 'wasm_js_gzip'],
    ['wasm+JS raw (bytes)', 'wasm_js_raw'],
    ['first screen brotli (bytes)', 'first_screen_brotli'],
    ['first screen gzip (bytes)', 'first_screen_gzip'],
    ['first screen raw (bytes)', 'first_screen_raw'],
    ['first screen es brotli (bytes)', 'first_screen_es_brotli'],
    ['LH performance', 'lh_performance'],
    ['LH accessibility', 'lh_accessibility'],
    ['LH best practices', 'lh_best_practices'],
    ['LH SEO', 'lh_seo'],
    ['LH FCP (ms)', 'lh_fcp_ms'],
    ['LH LCP (ms)', 'lh_lcp_ms'],
    ['LH TBT (ms)', 'lh_tbt_ms'],
    ['LH CLS', 'lh_cls'],
    ['LH bytes transferred', 'lh_total_byte_weight'],
    ['4x CPU: first usable (ms)', 'cpu4x_first_usable_ms'],
    ['4x CPU: FCP (ms)', 'cpu4x_fcp_ms'],
    ['4x CPU: tap to next screen (ms)', 'cpu4x_tap_to_next_screen_ms'],
    ['JS heap used (bytes)', 'js_heap_used'],
    ['wasm memory (bytes)', 'wasm_memory'],
  ];
  const f = (v) => (v == null ? '-' : Number.isInteger(v) ? String(v) : String(round(v, 4)));
  const r = (v) => (v == null ? '-' : `${v}x`);
  const lines = [];
  lines.push(`${'figure'.padEnd(33)}${'widget'.padStart(10)}${'Yew floor'.padStart(11)}${'static'.padStart(10)}${'w/static'.padStart(10)}${'w/yew'.padStart(9)}`);
  for (const [label, k] of rows) {
    lines.push(
      `${label.padEnd(33)}${f(pages.widget.figures[k]).padStart(10)}${f(pages.yew_floor.figures[k]).padStart(11)}${f(pages.static.figures[k]).padStart(10)}` +
        `${r(ratios.widget_over_static[k]).padStart(10)}${r(ratios.widget_over_yew_floor[k]).padStart(9)}`,
    );
  }
  return lines.join('\n');
}

async function measure() {
  const t0 = Date.now();
  const env = process.env;
  const urls = { widget: env.BENCH_WIDGET_URL, yew_floor: env.BENCH_YEW_URL, static: env.BENCH_STATIC_URL };
  const dirs = { widget: env.BENCH_WIDGET_DIR, yew_floor: env.BENCH_YEW_DIR, static: env.BENCH_STATIC_DIR };
  const lhRuns = Number(env.BENCH_LH_RUNS || 3);
  const loadRuns = Number(env.BENCH_LOAD_RUNS || 7);
  const flowRuns = Number(env.BENCH_FLOWS || 5);
  const lhDir = path.join(env.BENCH_OUT, 'lighthouse');
  fs.mkdirSync(lhDir, { recursive: true });

  const pages = {};
  for (const k of PAGES) {
    const files = k === 'widget' ? JSON.parse(fs.readFileSync(path.join(dirs[k], 'sizes.json'), 'utf8')).files : sizesOf(dirs[k]);
    pages[k] = { url: urls[k], sizes: { files, totals: totals(files) } };
  }
  // The pages take turns (run 1 of each, then run 2...), so that whatever else
  // the machine is doing falls on the three alike.
  const lh = Object.fromEntries(PAGES.map((k) => [k, []]));
  for (let i = 0; i < lhRuns; i++) for (const k of PAGES) lh[k].push(lighthouseOnce(k, urls[k], i, lhDir));
  for (const k of PAGES) pages[k].lighthouse = lighthouseSummary(lh[k]);

  const browser = await launch();
  const chromiumVersion = browser.version();
  const starts = Object.fromEntries(PAGES.map((k) => [k, []]));
  log(`4x CPU: ${loadRuns} loads of each page`);
  for (let i = 0; i < loadRuns; i++) for (const k of PAGES) starts[k].push(await startOnce(browser, k, urls[k]));
  const flows = Object.fromEntries(PAGES.map((k) => [k, []]));
  log(`4x CPU: ${flowRuns} flows of the widget (the Yew floor: loads and 18 taps; the static floor: loads)`);
  for (let i = 0; i < flowRuns; i++) for (const k of PAGES) flows[k].push(await flowOnce(browser, k, urls[k]));
  await browser.close();
  for (const k of PAGES) {
    const first = startSummary(starts[k]);
    const fl = flowSummary(k, flows[k]);
    log(`4x CPU: ${k} first usable ${first.median.usable_ms} ms (runs ${first.runs.join(', ')})`);
    if (fl.taps) log(`4x CPU: ${k} tap to next screen ${fl.taps.median_ms} ms (per flow ${fl.taps.per_flow_median_ms.join(', ')})`);
    pages[k].cpu4x = { first_usable: first, taps: fl.taps };
    pages[k].memory = fl.memory;
  }

  for (const k of PAGES) pages[k].figures = figuresOf(pages[k]);
  const ratios = { widget_over_static: {}, widget_over_yew_floor: {} };
  for (const key of Object.keys(pages.widget.figures)) {
    ratios.widget_over_static[key] = ratio(pages.widget.figures[key], pages.static.figures[key]);
    ratios.widget_over_yew_floor[key] = ratio(pages.widget.figures[key], pages.yew_floor.figures[key]);
  }
  const nproc = Number(execFileSync('nproc').toString().trim());
  const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1] || null;
  const date = new Date().toISOString();
  const results = {
    date,
    machine: {
      nproc,
      cpu,
      memory_gib: Math.round(require('os').totalmem() / 2 ** 30),
      chromium: chromiumVersion,
      node: process.version,
      lighthouse: pages.widget.lighthouse.version,
    },
    method: {
      pages: {
        widget: 'dist/index.html from scripts/release',
        yew_floor: 'bench/yew-floor: one Yew 0.23 counter, the same release profile, wasm-bindgen --target web, scripts/wasm-finish (wasm-opt -Oz, short import and export names, esbuild)',
        static: "the widget's rendered first screen as static HTML with the same stylesheets, no script",
      },
      server: 'scripts/static_server.py on 127.0.0.1, precompressed brotli/gzip',
      sizes: 'wasm_js = pkg/*.wasm + pkg/*.js; first_screen = index.html + main.js (packs.js bundled in) + style/*.css + wasm_js + pkg/magnesium-en*.bin, first_screen_es the same with pkg/magnesium-es*.bin (as scripts/sizes)',
      lighthouse: `${lhRuns} run(s) each, mobile form factor, applied (DevTools) throttling; medians of each figure`,
      cpu4x: `Emulation.setCPUThrottlingRate 4, phone viewport 390x844, fresh context each load; first usable = navigation start to the first screen in the DOM and enabled plus one animation frame (static floor: loadEventEnd); median of ${loadRuns} loads`,
      taps: `in the page: performance.now() before element.click() to a MutationObserver seeing the next screen plus one animation frame; median over the taps of a flow, median over ${flowRuns} flows (Yew floor: a tap to its counter changing, 18 taps a load)`,
      memory: 'after a whole flow (Yew floor: after its taps; static floor: after load), after a forced GC: CDP Performance.getMetrics JSHeapUsedSize and the wasm memory buffer byteLength; median over the flows',
    },
    pages: {},
    ratios,
  };
  pages.widget.foot_note = `Time: navigation start to the first screen usable (static floor: its load event), median of ${loadRuns} loads. Lower is better.`;
  pages.widget.date_note = `${date.slice(0, 10)} · ${nproc} cores · Chromium ${chromiumVersion} · brotli sizes; median times under 4× CPU throttling`;
  for (const k of PAGES) {
    const { date_note, foot_note, ...p } = pages[k];
    results.pages[k] = p;
  }
  results.run_seconds_measuring = Math.round((Date.now() - t0) / 1000);
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(results, null, 1) + '\n');
  fs.writeFileSync(path.join(__dirname, 'results.svg'), svgChart(pages));

  console.log('');
  console.log(table(pages, ratios));
  console.log('');
  const w = pages.widget;
  console.log(`widget first usable (4x CPU), ${loadRuns} loads: ${w.cpu4x.first_usable.runs.join(', ')} ms`);
  console.log(`widget taps (4x CPU): ${w.cpu4x.taps.taps_per_flow} taps a flow to "${w.cpu4x.taps.result_disposition}", per-flow medians ${w.cpu4x.taps.per_flow_median_ms.join(', ')} ms; pooled p90 ${w.cpu4x.taps.pooled_p90_ms} ms, max ${w.cpu4x.taps.max_ms} ms`);
  console.log(`Lighthouse: ${lhRuns} run(s) a page; machine: ${nproc} cores, ${cpu}, Chromium ${chromiumVersion}`);
  console.log('wrote bench/results.json and bench/results.svg');
}

const [cmd, ...args] = process.argv.slice(2);
(cmd === 'capture' ? capture(...args) : cmd === 'measure' ? measure() : Promise.reject(new Error('usage: bench.js capture|measure'))).catch((e) => {
  console.error(e);
  process.exit(1);
});
