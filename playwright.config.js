// End-to-end tests of the built site (site/, from scripts/build) in Debian's
// Chromium at a phone viewport. Nothing is downloaded: the browser is the
// system's, the server is Python's, and every request must stay on 127.0.0.1.
const fs = require('fs');
const path = require('path');
const { defineConfig } = require('@playwright/test');

// (IC_E2E_PORT: another port, when several checkouts test on one machine)
const PORT = Number(process.env.IC_E2E_PORT) || 8137;

if (!fs.existsSync(path.join(__dirname, 'site', 'pkg', 'infusion_check_bg.wasm'))) {
  throw new Error('site/ is not built: run scripts/build first');
}

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
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory site`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: false,
    timeout: 20_000,
    stdout: 'ignore',
    stderr: 'ignore',
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium-phone',
      use: {
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
      },
    },
  ],
});
