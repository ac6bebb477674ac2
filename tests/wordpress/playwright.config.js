// The WordPress plugin in a real WordPress (scripts/test-wordpress makes the
// site and passes its address): Debian's Chromium at a phone viewport, one
// test after another (they build on each other: install, set up, place, visit).
const { defineConfig } = require('@playwright/test');

const SITE = process.env.IC_WP_URL;
if (!SITE) throw new Error('IC_WP_URL is not set: run scripts/test-wordpress');

module.exports = defineConfig({
  testDir: '.',
  outputDir: '../../test-results/wordpress-artifacts',
  reporter: 'list',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: SITE,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    trace: 'off',
    screenshot: 'only-on-failure',
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
});
