// The widget (site/) served from one 127.0.0.1 origin by
// scripts/static_server.py (CORS, application/wasm), the host pages
// (tests/e2e/hosts/*.html, with the widget's origin filled in) from others:
// a plain one, and two with a strict Content-Security-Policy header (with and
// without 'wasm-unsafe-eval'), and on demand one with that policy and Trusted
// Types enforced. Each spec file starts its own on free ports in
// beforeAll and stops them in afterAll. Then the helpers the embedding specs
// share: a page's watcher, and a walk through the check's screens.
const { expect } = require('@playwright/test');
const { widgetMounted } = require('./helpers');
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
// The built site (scripts/build); IC_SITE_DIR serves another build directory.
const SITE = process.env.IC_SITE_DIR ? path.resolve(process.env.IC_SITE_DIR) : path.join(ROOT, 'site');
const HOSTS = path.join(__dirname, 'hosts');
const SERVER = path.join(ROOT, 'scripts', 'static_server.py');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function answers(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

function cspFor(widget, wasm) {
  return (
    `default-src 'none'; script-src ${widget}${wasm ? " 'wasm-unsafe-eval'" : ''}; ` +
    `style-src ${widget}; connect-src ${widget}; img-src data:`
  );
}

// Trusted Types enforced, and no policy allowed at all ('none'): the widget
// must build every piece of markup with DOM calls.
const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types 'none'";

/** Servers for one spec file: `await s.start()` in beforeAll, `await s.stop()` in afterAll. */
function servers() {
  const procs = [];
  let tmpHosts;
  const s = { W: null, H: null, CSP_OK: null, CSP_NO_WASM: null, CSP_TT: null, SITE };

  async function serve(dir, extra = []) {
    const port = await freePort();
    const proc = spawn('python3', [SERVER, dir, String(port), ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    procs.push(proc);
    const origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`static_server.py ${dir} ${port} exited: ${stderr}`);
      const probe = fs.existsSync(path.join(dir, 'index.html')) ? '/index.html' : '/blank.html';
      if (await answers(origin + probe)) return origin;
      if (Date.now() > deadline) throw new Error(`static_server.py ${dir} ${port} did not answer: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  // `tt`: also the host pages with the strict policy and Trusted Types (CSP_TT).
  s.start = async ({ csp = true, tt = false } = {}) => {
    if (!fs.existsSync(path.join(SITE, 'pkg', 'infusion_check_bg.wasm'))) throw new Error('site/ is not built (scripts/build)');
    s.W = await serve(SITE);
    tmpHosts = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-hosts-'));
    for (const f of fs.readdirSync(HOSTS)) {
      const text = fs.readFileSync(path.join(HOSTS, f), 'utf8').replaceAll('__WIDGET_ORIGIN__', s.W);
      fs.writeFileSync(path.join(tmpHosts, f), text);
    }
    s.H = await serve(tmpHosts);
    if (csp) {
      s.CSP_OK = await serve(tmpHosts, ['--csp', cspFor(s.W, true)]);
      s.CSP_NO_WASM = await serve(tmpHosts, ['--csp', cspFor(s.W, false)]);
    }
    if (tt) s.CSP_TT = await serve(tmpHosts, ['--csp', `${cspFor(s.W, true)}; ${TRUSTED_TYPES}`]);
  };

  s.stop = async () => {
    for (const p of procs) {
      if (p.exitCode === null) {
        const done = new Promise((r) => p.once('exit', r));
        p.kill('SIGTERM');
        await done;
      }
    }
    procs.length = 0;
    if (tmpHosts) fs.rmSync(tmpHosts, { recursive: true, force: true });
  };
  return s;
}

// ---------------------------------------------------------------- helpers

/** Console errors, warnings, dialogs and requests of a page (all its frames). */
function watch(page) {
  const w = { errors: [], warnings: [], dialogs: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
    if (m.type() === 'warning') w.warnings.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('request', (r) => w.requests.push(r.url()));
  return w;
}

/** The current screen inside `scope` (a locator or frame locator): a question id or "result". */
async function screenOf(scope) {
  const el = scope.locator('.ic-main [data-question], .ic-main [data-disposition]').first();
  await el.waitFor({ state: 'visible' });
  const q = await el.getAttribute('data-question');
  return q === null ? 'result' : q;
}

/**
 * Answers the current screen the plainest way: "None of these", "Skip", the
 * preferred option (no / me / 1 to 6 hours) or the first one.
 */
async function answerPlainly(scope, id) {
  const s = scope.locator(`.ic-main [data-question="${id}"]`).first();
  if (await s.locator('input[data-option=none]').count()) {
    await s.locator('input[data-option=none]').check();
    await s.locator('button[data-action=next]').click();
  } else if (await s.locator('textarea').count()) {
    await s.locator('button[data-option=skip]').click();
  } else if (await s.locator('input[type=checkbox]').count()) {
    await s.locator('input[type=checkbox]').first().check();
    await s.locator('button[data-action=next]').click();
  } else {
    const codes = await s.locator('button[data-option]').evaluateAll((bs) => bs.map((b) => b.dataset.option));
    expect(codes.length, `screen ${id} has options`).toBeGreaterThan(0);
    const code = ['no', 'me', '1_to_6h', 'same'].find((c) => codes.includes(c)) || codes[0];
    await s.locator(`button[data-option="${code}"]`).click();
  }
  await expect(scope.locator(`.ic-main [data-question="${id}"]`)).toHaveCount(0);
}

/** Walks from the current screen to a result; returns the screens seen. */
async function walkToResult(scope, onScreen) {
  const seen = [];
  for (let i = 0; i < 80; i++) {
    const id = await screenOf(scope);
    seen.push(id);
    if (onScreen) await onScreen(id);
    if (id === 'result') return seen;
    await answerPlainly(scope, id);
  }
  throw new Error(`no result after 80 screens: ${seen.join(' > ')}`);
}

/**
 * Panics inside the widget's wasm from a timer (where a real bug would be: not
 * the test's own call), in a page or frame whose widget comes from `origin`,
 * once the widget has taken over the page's first screen.
 */
async function panicIn(frameOrPage, origin) {
  await widgetMounted(frameOrPage);
  const thrown = await frameOrPage.evaluate(async (o) => {
    const m = await import(`${o}/pkg/infusion_check.js`);
    return new Promise((resolve) => {
      addEventListener('error', (ev) => resolve(String(ev.error)), { once: true });
      setTimeout(() => m.simulate_panic());
    });
  }, origin);
  expect(thrown).toContain('RuntimeError');
}

module.exports = { servers, cspFor, TRUSTED_TYPES, SITE, watch, screenOf, answerPlainly, walkToResult, panicIn };
