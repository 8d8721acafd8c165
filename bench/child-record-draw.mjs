// Child page draw time in headless Debian Chromium (bench/child-record.sh): signs in to Cockpit as the trial manager,
// then ROUNDS times opens #/children/<subject> and waits until every diagram the page draws by itself carries
// data-drawn="true". Prints "median s (min-max, n rounds)".
//   node bench/child-record-draw.mjs http://localhost:8119 UCBI-0001 5
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'package.json'));
const { chromium } = require('playwright-core');
const [base, subject, rounds = '5'] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync']
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(120000); // a loaded machine answers slowly
  await page.goto(`${base}/camunda/app/cockpit/default/`);
  await page.fill('input[ng-model="username"]', 'trial-manager');
  await page.fill('input[ng-model="password"]', 'demo');
  await page.click('button[type="submit"]');
  await page.waitForSelector('[cam-widget-header] li.account .dropdown-toggle');
  const times = [];
  for (let i = 0; i <= Number(rounds); i++) {
    await page.goto(`${base}/camunda/app/cockpit/default/#/children`);
    await page.waitForSelector('#ucbi-children-table tbody tr');
    const t0 = Date.now();
    await page.evaluate(s => { window.location.hash = `#/children/${s}`; }, subject);
    await page.waitForSelector('.ucbi-path');
    await page.waitForFunction(() => {
      const diagrams = [...document.querySelectorAll('.ucbi-diagram')];
      const auto = diagrams.filter(d => !d.querySelector('.ucbi-draw'));
      return auto.length > 0 && auto.every(d => d.dataset.drawn === 'true');
    }, null, { timeout: 60000 });
    if (i > 0) { // the first round warms the caches up (scripts, definitions)
      times.push((Date.now() - t0) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${median.toFixed(2)} (${times[0].toFixed(2)}-${times[times.length - 1].toFixed(2)}, ${times.length} rounds)`);
} finally {
  await browser.close();
}
