// Checks the coverage overlay in Debian's Chromium (headless, through playwright-core) against a
// picture server started with --coverage: the page's Coverage selector offers every layer of
// /api/coverage with none chosen; choosing the network layer and then a sensor's draws exactly the
// features the server serves for it (<body data-coverage-features>) and MapLibre renders some of
// them on screen (queryRenderedFeatures), with a legend; choosing "none" clears it. No console
// errors, no request outside 127.0.0.1. Saves a screenshot with the network layer drawn.
//
//   node check_coverage.mjs URL SCREENSHOT.png
// Exit status: 0 all checks passed, 1 a check failed (each failure on its own line), 2 usage.

import { launch_chromium, watched_page } from './watched_page.mjs';

const [base, screenshot] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error('usage: node check_coverage.mjs URL SCREENSHOT.png');
  process.exit(2);
}
const origin = new URL(base).origin;
const failures = [];

async function api(path) {
  const response = await fetch(new URL(path, origin));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

const browser = await launch_chromium();
try {
  const page = await watched_page(browser, failures, { width: 1400, height: 850 });

  const layers = await api('api/coverage');
  if (!Array.isArray(layers) || layers.length < 2) throw new Error(`/api/coverage lists ${JSON.stringify(layers)}`);
  const network = layers.find((layer) => layer.sensor === 'all');
  const sensor = layers.find((layer) => layer.sensor !== 'all');
  if (!network || !sensor) throw new Error('/api/coverage has no network layer or no sensor layer');

  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForSelector('#coverage[data-layers]', { timeout: 10000 });
  const offered = await page.$$eval('#coverage-select option', (options) => options.map((o) => o.value));
  const initial = await page.evaluate(() => ({ layer: document.body.dataset.coverageLayer, value: document.querySelector('#coverage-select').value }));
  if (initial.layer !== '' || initial.value !== '') failures.push(`a coverage layer is chosen by default: ${JSON.stringify(initial)}`);
  const expected = ['', ...layers.map((layer) => layer.id)];
  if (JSON.stringify([...offered].sort()) !== JSON.stringify([...expected].sort())) {
    failures.push(`selector offers ${JSON.stringify(offered)}, /api/coverage ${JSON.stringify(expected)}`);
  }

  const rendered = () => page.evaluate(() => window.straja.map.queryRenderedFeatures({ layers: ['coverage-fill'] }).length);
  // The map re-renders with every picture change, so it is seldom idle: wait until the overlay's
  // source is loaded and what is rendered matches the choice (a few seconds at most).
  const settled = (want_some) => page.waitForFunction((some) => {
    const map = window.straja.map;
    if (!map.isSourceLoaded('coverage')) return false;
    const count = map.queryRenderedFeatures({ layers: ['coverage-fill'] }).length;
    return some ? count > 0 : count === 0;
  }, want_some, { timeout: 20000 }).catch(() => {});
  const choose = async (layer) => {
    await page.selectOption('#coverage-select', layer ? layer.id : '');
    await page.waitForSelector(`body[data-coverage-layer="${layer ? layer.id : ''}"]`, { timeout: 15000 });
    await settled(Boolean(layer));
    const served = layer ? (await api(layer.url)).features.length : 0;
    const drawn = await page.evaluate(() => Number(document.body.dataset.coverageFeatures));
    const on_screen = await rendered();
    const legend = await page.$$eval('#coverage-legend .coverage-legend-row', (rows) => rows.map((r) => r.textContent));
    const name = layer ? layer.id : 'none';
    console.log(`coverage ${name}: ${drawn} features drawn, ${served} served, ${on_screen} rendered; legend ${JSON.stringify(legend)}`);
    if (drawn !== served) failures.push(`${name}: ${drawn} features drawn, the server serves ${served}`);
    if (layer && served === 0) failures.push(`${name}: the server serves no feature`);
    if (layer && on_screen === 0) failures.push(`${name}: no coverage feature rendered on the map`);
    if (!layer && on_screen !== 0) failures.push(`none chosen, yet ${on_screen} coverage features rendered`);
    if (layer && legend.length === 0) failures.push(`${name}: no legend`);
  };
  await choose(sensor);
  await choose(network);
  await page.screenshot({ path: screenshot });
  await choose(null);
  await page.waitForTimeout(500); // console errors from the last change, if any
} catch (error) {
  failures.push(`error: ${error.message}`);
} finally {
  await browser.close();
}
for (const failure of failures) console.error(`FAIL ${failure}`);
if (failures.length) process.exit(1);
console.log(`check_coverage: all checks passed (screenshot ${screenshot})`);
