// Render benchmark of the web front end (not a test): the mock picture server streams N tracks
// (default 10,000) updating at 1 Hz over the WebSocket; headless Chromium opens the page and
// measures frame times inside it (requestAnimationFrame deltas) for a while in two phases:
//   still - the view is fixed; the tracks redraw when a delta arrives (once a second);
//   pan   - the view pans continuously, so every frame redraws the map and all tracks.
// Reports mean fps, median and p99 frame time, the worst frame and the page's long tasks.
// Goal: >= 30 fps with 10,000 tracks.
//
//   node bench/web_fps.mjs [--tracks N] [--seconds S] [--width W --height H] [--web-root DIR]
// Needs the built front end (scripts/build-web; --web-root picks another build, e.g. to compare two
// in one run) and tests/browser/node_modules (scripts/setup).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { chromium } = createRequire(path.join(root, 'tests/browser/package.json'))('playwright-core');

const options = { tracks: 10000, seconds: 20, width: 1400, height: 850 };
let web_root = path.join(root, 'build/web');
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (key === 'web-root' && argv[i + 1]) {
    web_root = path.resolve(argv[i + 1]);
    continue;
  }
  if (!(key in options) || !Number.isFinite(Number(argv[i + 1]))) {
    console.error(`web_fps: bad option ${argv[i]}`);
    process.exit(2);
  }
  options[key] = Number(argv[i + 1]);
}

const server = spawn(process.execPath, [path.join(root, 'tests/browser/mock_picture_server.mjs'), '--port', '0',
  '--tracks', String(options.tracks), '--root', web_root], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    const found = text.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (found) resolve(found[0]);
  });
  server.on('exit', () => reject(new Error('the mock server exited')));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: options.width, height: options.height } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction((n) => Number(document.body.dataset.trackCount) >= n, options.tracks, { timeout: 120000 });
  await page.waitForTimeout(3000);

  const measure = (phase) =>
    page.evaluate(([seconds, pan]) => new Promise((resolve) => {
      const deltas = [];
      const long_tasks = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long_tasks.push(e.duration)));
      try {
        observer.observe({ type: 'longtask', buffered: false });
      } catch { /* longtask entries are optional */ }
      const start = performance.now();
      let last = start;
      const updates_before = Number(document.body.dataset.pictureTime ? Date.parse(document.body.dataset.pictureTime) : 0);
      function tick(now) {
        deltas.push(now - last);
        last = now;
        if (pan) window.straja.map.panBy([1.5, 0.5], { duration: 0 });
        if (now - start < seconds * 1000) requestAnimationFrame(tick);
        else {
          observer.disconnect();
          const updates_after = Date.parse(document.body.dataset.pictureTime);
          const mean = (list) => (list && list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);
          const t = window.straja.timings;
          resolve({ deltas: deltas.slice(1), long_tasks, picture_s: (updates_after - updates_before) / 1000,
            drawn: Number(document.body.dataset.trackCount),
            work: { message: mean(t.message), draw: mean(t.draw), table: mean(t.table), overlay: mean(t.overlay) } });
        }
      }
      requestAnimationFrame(tick);
    }), [options.seconds, phase === 'pan']);

  const results = {};
  for (const phase of ['still', 'pan']) {
    const { deltas, long_tasks, picture_s, drawn, work } = await measure(phase);
    const sorted = [...deltas].sort((a, b) => a - b);
    const total = deltas.reduce((a, b) => a + b, 0);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    results[phase] = {
      frames: deltas.length, mean_fps: (1000 * deltas.length) / total, median_ms: at(0.5), p99_ms: at(0.99),
      worst_ms: sorted[sorted.length - 1], long_tasks: long_tasks.length,
      long_task_max_ms: long_tasks.length ? Math.max(...long_tasks) : 0, picture_s, drawn, work,
    };
  }
  console.log(`web_fps: ${options.tracks} tracks at 1 Hz, ${options.seconds} s per phase, viewport ${options.width}x${options.height}`);
  for (const [phase, r] of Object.entries(results)) {
    console.log(`${phase.padEnd(5)}  ${r.mean_fps.toFixed(1)} fps mean  median ${r.median_ms.toFixed(1)} ms  p99 ${r.p99_ms.toFixed(1)} ms  ` +
      `worst ${r.worst_ms.toFixed(0)} ms  long tasks ${r.long_tasks} (max ${r.long_task_max_ms.toFixed(0)} ms)  ` +
      `${r.drawn} drawn, ${r.picture_s.toFixed(0)} s of picture`);
    console.log(`       per update: parse+apply ${r.work.message.toFixed(1)} ms, draw ${r.work.draw.toFixed(1)} ms, table ${r.work.table.toFixed(1)} ms` +
      (r.work.overlay ? `; track overlay ${r.work.overlay.toFixed(1)} ms per redraw` : ''));
  }
} finally {
  await browser.close();
  server.kill();
}
