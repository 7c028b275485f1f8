// Checks the live air picture in Debian's Chromium (headless, through playwright-core) against a
// running picture server: the page loads without console errors and requests nothing outside
// 127.0.0.1; the number of tracks it draws (<body data-track-count>) equals the server's picture
// at the same picture time (the /api/tracks snapshot when its time coincides, the stream's
// snapshot + deltas always); clicking a track opens its details; each
// filter with tracks in its category lowers the count and restores it; when the source is a
// replay, pause and resume take effect. Saves a screenshot.
//
//   node check_picture.mjs URL SCREENSHOT.png        (URL: http://127.0.0.1:PORT/[?token=T])
// Exit status: 0 all checks passed, 1 a check failed (each failure on its own line), 2 usage.

import { launch_chromium, watched_page } from './watched_page.mjs';
import WebSocket from 'ws';

const [base, screenshot] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error('usage: node check_picture.mjs URL SCREENSHOT.png');
  process.exit(2);
}
const origin = new URL(base).origin;
const token = new URL(base).searchParams.get('token');
const failures = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(path) {
  const response = await fetch(new URL(path, origin), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

// The display's categories, from the protocol's fields (web/src/classify.ts states the rules).
function categories(track) {
  const cls = track.adsb ? 'adsb' : track.cooperative ? 'cooperative' : 'non-cooperative';
  const h = track.alt_m ?? (track.fl !== null && track.fl !== undefined ? track.fl * 30.48 : null);
  const band = h === null ? 'unknown' : h < 1000 ? 'low' : h < 6000 ? 'medium' : 'high';
  return { class: cls, altitude: band };
}

const browser = await launch_chromium();
try {
  const page = await watched_page(browser, failures, { width: 1400, height: 850 });
  page.on('websocket', (ws) => {
    if (!ws.url().startsWith('ws://127.0.0.1')) failures.push(`websocket leaving 127.0.0.1: ${ws.url()}`);
  });

  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.waitForFunction(() => Number(document.body.dataset.trackCount) > 0, null, { timeout: 30000 });
  await page.waitForSelector('[data-field="connection"][data-state="connected"]', { timeout: 20000 });
  const read_page = () => page.evaluate(() => ({ count: Number(document.body.dataset.trackCount), time: document.body.dataset.pictureTime }));

  // 1. Tracks drawn = the server's picture at the same picture time. Two references: the REST
  // snapshot (/api/tracks, bracketed by two reads of /api/stats' picture time) and the stream
  // itself (this script's own WebSocket client, which gets the same frames as the page). A server
  // that publishes many times a second between its 1 Hz deltas (straja demo at 20x) rarely holds
  // the REST snapshot at a delta's time, so the stream is the reference there; whenever the REST
  // snapshot's time does coincide with one, both must agree.
  const stream = new Map(); // picture time -> number of tracks
  const held = new Map(); // id -> the stream's latest track object
  const ws_url = new URL('ws', base);
  ws_url.protocol = 'ws:';
  if (token) ws_url.searchParams.set('token', token);
  const ws = new WebSocket(ws_url.href);
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    if (message.type === 'snapshot') {
      held.clear();
      for (const track of message.tracks) held.set(track.id, track);
    } else if (message.type === 'delta') {
      for (const track of message.upsert) held.set(track.id, track);
      for (const id of message.remove) held.delete(id);
    } else {
      return;
    }
    stream.set(message.time, held.size);
  });
  let page_checks = 0;
  let rest_checks = 0;
  let last = null;
  for (let attempt = 0; attempt < 60 && (page_checks < 3 || (rest_checks === 0 && attempt < 30)); attempt += 1) {
    const before = (await api('api/stats')).time;
    const tracks = await api('api/tracks');
    const after = (await api('api/stats')).time;
    const shown = await read_page();
    last = { before, after, snapshot: tracks.length, page: shown.count, page_time: shown.time };
    if (before === after && shown.time === before) {
      rest_checks += 1;
      if (shown.count !== tracks.length) failures.push(`page draws ${shown.count} tracks, /api/tracks has ${tracks.length} at ${before}`);
      else console.log(`tracks: page draws ${shown.count}, /api/tracks has ${tracks.length} at ${before}`);
    }
    if (before === after && stream.has(before)) {
      if (stream.get(before) !== tracks.length) failures.push(`/api/tracks has ${tracks.length} tracks at ${before}, the stream ${stream.get(before)}`);
    }
    if (stream.has(shown.time)) {
      page_checks += 1;
      if (shown.count !== stream.get(shown.time)) failures.push(`page draws ${shown.count} tracks at ${shown.time}, the stream holds ${stream.get(shown.time)}`);
      else if (page_checks === 1) console.log(`tracks: page draws ${shown.count}, the stream holds ${stream.get(shown.time)} at ${shown.time}`);
    }
    await sleep(250);
  }
  if (page_checks === 0) failures.push(`never caught the page at a picture time of the stream (last: ${JSON.stringify(last)})`);
  if (rest_checks === 0) console.log(`tracks: /api/tracks never held the page's picture time (the server publishes between deltas); compared with the stream ${page_checks} times`);

  // 2. Clicking a track opens its details (a track well inside the map, away from others).
  const target = await page.evaluate(() => {
    const box = document.getElementById('map').getBoundingClientRect();
    const points = window.straja.drawn_ids().map((id) => ({ id, p: window.straja.client_position(id) }));
    const inside = points.filter(({ p }) => p && p[0] > box.left + 40 && p[0] < box.right - 40 && p[1] > box.top + 40 && p[1] < box.bottom - 40);
    const alone = inside.filter(({ id, p }) => points.every((o) => o.id === id || !o.p || Math.hypot(o.p[0] - p[0], o.p[1] - p[1]) > 16));
    return (alone[0] ?? inside[0]) || null;
  });
  if (!target) {
    failures.push('no drawn track inside the map to click');
  } else {
    const [x, y] = await page.evaluate((id) => window.straja.client_position(id), target.id);
    await page.mouse.click(x, y);
    try {
      await page.waitForSelector(`#details[data-track-id="${target.id}"]:not([hidden])`, { timeout: 15000 });
      await page.waitForFunction(() => {
        const field = document.querySelector('#details [data-field="history"]');
        return field && !field.textContent.includes('loading');
      }, null, { timeout: 15000 });
      const history = await page.textContent('#details [data-field="history"]');
      console.log(`details: track ${target.id} opened (${history})`);
    } catch {
      failures.push(`clicking track ${target.id} at (${Math.round(x)}, ${Math.round(y)}) did not open its details`);
    }
  }

  // 3. Each filter with tracks in its category lowers the count; switching it back restores it.
  const snapshot = await api('api/tracks');
  const inputs = await page.$$eval('input[data-filter]', (list) => list.map((i) => ({ kind: i.dataset.filter, value: i.value })));
  let exercised = 0;
  for (const { kind, value } of inputs) {
    const members = snapshot.filter((track) => categories(track)[kind] === value).length;
    if (members === 0) {
      console.log(`filter ${kind}=${value}: no tracks in this category now, not exercised`);
      continue;
    }
    const selector = `input[data-filter="${kind}"][value="${value}"]`;
    const before = (await read_page()).count;
    await page.uncheck(selector);
    const dropped = await page
      .waitForFunction((n) => Number(document.body.dataset.trackCount) < n, before, { timeout: 15000 })
      .then(() => read_page().then((p) => p.count))
      .catch(() => null);
    // None of the tracks still drawn may be in the filtered category (by the stream's latest
    // state of each; a track or two may have just changed band or class).
    const drawn_ids = await page.evaluate(() => window.straja.drawn_ids());
    const leaked = drawn_ids.filter((id) => held.has(id) && categories(held.get(id))[kind] === value).length;
    if (leaked > 2) failures.push(`filter ${kind}=${value}: ${leaked} of the ${drawn_ids.length} tracks still drawn are in the category`);
    await page.check(selector);
    if (dropped === null) {
      failures.push(`filter ${kind}=${value} (${members} tracks) did not lower the count from ${before}`);
      continue;
    }
    const restored = await page
      .waitForFunction((n) => Number(document.body.dataset.trackCount) > n, dropped, { timeout: 15000 })
      .then(() => read_page().then((p) => p.count))
      .catch(() => null);
    if (restored === null) failures.push(`filter ${kind}=${value}: the count stayed at ${dropped} after switching it back`);
    else console.log(`filter ${kind}=${value}: ${before} -> ${dropped} -> ${restored} tracks`);
    exercised += 1;
  }
  if (exercised < 2) failures.push(`only ${exercised} filters could be exercised`);

  ws.close();

  // 4. The table lists the drawn tracks and its search finds the selected one.
  if (target) {
    await page.fill('#track-search', String(target.id));
    await page.waitForTimeout(200);
    const found = await page.$$eval('#track-table tbody tr', (rows) => rows.map((row) => row.dataset.trackId));
    if (!found.includes(String(target.id))) failures.push(`table search for ${target.id} found ${found.length} rows, not the track`);
    await page.fill('#track-search', '');
  }

  // 5. Replay controls, when the source is a replay: pause stops the picture time, resume restarts it.
  if (await page.isVisible('#replay-controls')) {
    const picture_time = () => page.evaluate(() => document.body.dataset.pictureTime);
    await page.click('#replay-toggle');
    try {
      await page.waitForSelector('#replay-toggle[data-paused="true"]', { timeout: 15000 });
      await page.waitForTimeout(1200);
      const paused_at = await picture_time();
      await page.waitForTimeout(2500);
      if ((await picture_time()) !== paused_at) failures.push('replay: the picture time moved while paused');
      await page.click('#replay-toggle');
      await page.waitForFunction((t) => document.body.dataset.pictureTime !== t, paused_at, { timeout: 15000 });
      console.log(`replay: paused at ${paused_at}, resumed`);
    } catch {
      failures.push('replay: pause/resume did not take effect');
    }
  } else {
    console.log('replay controls hidden: the source is not a replay');
  }

  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}
for (const failure of failures) console.error(failure);
process.exit(failures.length === 0 ? 0 : 1);
