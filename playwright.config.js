// End-to-end tests of the built site (site/, from scripts/build) in Debian's
// Chromium at a phone viewport. Nothing is downloaded: the browser is the
// system's, the server is Python's, and every request must stay on 127.0.0.1.
const fs = require('fs');
const path = require('path');
const { defineConfig } = require('@playwright/test');

// IC_E2E_PORT lets two checkouts on one machine run their suites at once.
const PORT = Number(process.env.IC_E2E_PORT || 8137);
// IC_E2E_DIST=1 (scripts/test): also the project "dist", against the release
// as shipped (dist/, from scripts/release), served on the next port (so two
// checkouts side by side step their IC_E2E_PORT by 2). It tests dist/ as it
// is: run scripts/release after a change (scripts/test does).
const DIST = process.env.IC_E2E_DIST === '1';

if (!fs.existsSync(path.join(__dirname, 'site', 'pkg', 'infusion_check_bg.wasm'))) {
  throw new Error('site/ is not built: run scripts/build first');
}
if (DIST && !fs.existsSync(path.join(__dirname, 'dist', 'sizes.json'))) {
  throw new Error('dist/ is not built: run scripts/release first');
}
const server = (dir, port) => ({
  command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ${dir}`,
  url: `http://127.0.0.1:${port}/index.html`,
  reuseExistingServer: false,
  timeout: 20_000,
  stdout: 'ignore',
  stderr: 'ignore',
});

const PHONE = {
  browserName: 'chromium',
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

module.exports = defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  reporter: 'list',
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 5_000 },
  globalTeardown: './tests/e2e/teardown.js',
  webServer: DIST ? [server('site', PORT), server('dist', PORT + 1)] : server('site', PORT),
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium-phone', testIgnore: /dist\.spec\.js$/, use: PHONE },
    ...(DIST ? [{ name: 'dist', testMatch: /(dist|outcomes)\.spec\.js$/, use: { ...PHONE, baseURL: `http://127.0.0.1:${PORT + 1}/` } }] : []),
  ],
});
