// Prints how many screens axe scanned in this run (from test-results/axe/).
const fs = require('fs');
const path = require('path');
const { AXE_TAGS } = require('./helpers');

module.exports = async () => {
  const dir = path.resolve(__dirname, '..', '..', 'test-results', 'axe');
  if (!fs.existsSync(dir)) return;
  const scans = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    scans.push(...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).scans);
  }
  const screens = scans.filter((s) => s.scheme === 'light').length;
  const distinct = new Set(scans.map((s) => s.screen)).size;
  const violations = scans.reduce((n, s) => n + s.violations, 0);
  const summary = {
    screens_scanned: screens,
    scans_light_and_dark: scans.length,
    distinct_screens: distinct,
    violations,
  };
  fs.writeFileSync(path.join(dir, 'SUMMARY.txt'), JSON.stringify(summary, null, 1) + '\n');
  console.log(
    `axe (${AXE_TAGS.join(', ')}): ` +
      `${screens} screens scanned in light and dark (${scans.length} scans, ${distinct} distinct screens), ` +
      `${violations} violations`,
  );
};
