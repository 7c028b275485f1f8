// Opens a `straja eval --report` HTML file in Debian's Chromium (headless, through
// playwright-core) and checks that it loads without console errors or network requests, that
// every plot is drawn (each <svg data-chart> has visible marks), and that the requirement table is
// filled. Writes a full-page screenshot.
//
//   node check_report.mjs REPORT.html SCREENSHOT.png
// Exit status: 0 all checks passed, 1 a check failed (each failure on its own line).

import { launch_chromium, watched_page } from './watched_page.mjs';
import { pathToFileURL } from 'node:url';

const [report, screenshot] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error('usage: node check_report.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}

const failures = [];
const browser = await launch_chromium();
try {
  const page = await watched_page(browser, failures, { width: 1000, height: 800 }, (url) => url.startsWith('file:'),
    'network request');
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });

  const expected = ['gospa', 'counts', 'target-errors', 'timelines', 'map'];
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('svg[data-chart]')].map((svg) => {
      const box = svg.getBoundingClientRect();
      let marks = 0;
      for (const mark of svg.querySelectorAll('polyline, rect, line:not(.grid), circle')) {
        const b = mark.getBoundingClientRect();
        if (b.width > 0 || b.height > 0) marks += 1;
      }
      return { name: svg.dataset.chart, width: box.width, height: box.height, marks };
    }));
  for (const name of expected) {
    const chart = charts.find((c) => c.name === name);
    if (!chart) failures.push(`plot '${name}' missing`);
    else if (chart.width < 100 || chart.height < 50) failures.push(`plot '${name}' has no size`);
    else if (chart.marks === 0) failures.push(`plot '${name}' draws nothing`);
    else console.log(`plot ${name}: ${chart.marks} marks, ${Math.round(chart.width)}x${Math.round(chart.height)} px`);
  }
  const requirements = await page.locator('table[data-table="requirements"] tr').count();
  if (requirements < 5) failures.push(`requirement table has ${requirements - 1} rows, expected 4`);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}
for (const failure of failures) console.error(failure);
process.exit(failures.length === 0 ? 0 : 1);
