// A new version replaces the old one cleanly: after one visit the service
// worker has cached this build under its version; a new build (a new sw.js
// version and changed files) fills a new cache, takes over, deletes the old
// cache, and the new files then work offline.
//
// The site is copied to a temporary folder and served by a small server of
// this test's own (so a file can change between visits), on its own port.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { test, expect, runFlow } = require('./helpers');
const { NO_MODIFIERS, CONTEXT } = require('./flows');

const PORT = Number(process.env.IC_E2E_PORT || 8137) + 2;
const SITE = path.resolve(__dirname, '..', '..', 'site');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

let dir;
let server;
test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-sw-'));
  fs.cpSync(SITE, dir, { recursive: true });
  server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(PORT, '127.0.0.1', resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});
test.use({ baseURL: `http://127.0.0.1:${PORT}/` });

const cacheNames = (page) => page.evaluate(() => caches.keys());
const SELF_CARE = { red_flags: {}, ...CONTEXT, ...NO_MODIFIERS, symptoms: ['g_none'], gn_what: 'expected_effect' };

test('a new version fills a new cache, takes over, and deletes the old one', async ({ page, context }) => {
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const v1 = /const VERSION = "([^"]+)"/.exec(sw)[1];
  expect(v1).toMatch(/^[0-9a-f]{12}$/);

  await page.goto('/');
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await expect.poll(() => cacheNames(page)).toEqual([`infusion-check-${v1}`]);
  // A second visit, under the service worker: it keeps the files of the drips
  // the demo clinic gives as the page fetches them (not in its own list).
  await page.reload();
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const hasIron = (v) => page.evaluate(async (v) => (await (await caches.open(`infusion-check-${v}`)).keys()).some((r) => /\/iron-en[.-]/.test(r.url)), v);
  await expect.poll(() => hasIron(v1)).toBe(true);

  // The next build: a changed page and a new service worker version.
  const v2 = 'feedfacecafe';
  fs.writeFileSync(path.join(dir, 'sw.js'), sw.replace(`"${v1}"`, `"${v2}"`));
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(dir, 'index.html'), index.replace('<head>', '<head>\n<meta name="ic-build" content="v2">'));

  const swapped = page.evaluate(
    () => new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true })),
  );
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  expect(await swapped).toBe(true);
  await expect.poll(() => cacheNames(page)).toEqual([`infusion-check-${v2}`]);
  // (the drips' files the old version kept, fetched again in the new one)
  expect(await hasIron(v2)).toBe(true);

  // The new files, from the new cache, with no network.
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('meta[name=ic-build]')).toHaveAttribute('content', 'v2');
  await expect(page.locator('main [data-question="red_flags"]')).toBeVisible();
  const r = await runFlow(page, SELF_CARE);
  expect(r.disposition).toBe('self_care');
  await context.setOffline(false);
});
