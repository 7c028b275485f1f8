// A stand-in for the picture server, for developing and benchmarking the web front end without
// the C++ server: serves the built front end and synthetic tracks over exactly the picture
// protocol (docs/formats/picture-api.md): REST, the /ws snapshot/delta/stats stream, replay
// commands and the optional token. Tracks move over Moldova at constant speed with gentle turns;
// a few are tentative, coasting, emergencies, or low drones crossing the national border.
//
//   node mock_picture_server.mjs [--port N] [--root DIR] [--tracks N] [--rate HZ]
//                                [--source demo|replay] [--token T] [--seed N]
// Prints "listening http://127.0.0.1:PORT/" once ready.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const options = { port: 0, root: path.resolve(here, '../../build/web'), tracks: 60, rate: 1, source: 'demo', token: '', seed: 1 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (!(key in options) || argv[i + 1] === undefined) {
    console.error(`mock_picture_server: unknown option ${argv[i]}`);
    process.exit(2);
  }
  options[key] = typeof options[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
}

// Deterministic pseudo-random numbers (mulberry32).
let seed = options.seed >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const EARTH_R = 6371008.8;
const DEG = Math.PI / 180;
const START_MS = Date.parse('2026-05-14T10:00:00Z');
const DURATION_S = 1800;
const AREA = { west: 26.0, east: 30.8, south: 45.3, north: 48.6 };
const SENSORS = [
  { id: 'psr-north', kind: 'psr3d', sac: 25, sic: 1, lat: 47.84, lon: 27.95, height_m: 180, max_range_m: 200000, status: 'ok', last_data_age_s: 0.4, plots_per_s: 0 },
  { id: 'psr-south', kind: 'psr3d', sac: 25, sic: 2, lat: 46.42, lon: 28.62, height_m: 150, max_range_m: 200000, status: 'down', last_data_age_s: 95.0, plots_per_s: 0 },
  { id: 'ssr-1', kind: 'ssr', sac: 25, sic: 3, lat: 47.01, lon: 28.86, height_m: 120, max_range_m: 250000, status: 'ok', last_data_age_s: 0.2, plots_per_s: 0 },
  { id: 'adsb-1', kind: 'adsb', sac: 25, sic: 10, lat: 47.2, lon: 28.3, height_m: 100, max_range_m: 350000, status: 'ok', last_data_age_s: 0.1, plots_per_s: 0 },
];
const AIRLINES = ['WZZ', 'RYR', 'TAR', 'ROT', 'THY', 'LOT', 'AUA', 'DLH'];

let next_id = 1;
/** One synthetic target; its track object is derived from it on every tick. */
function make_target(index) {
  const kind = index % 10;
  const t = {
    id: next_id++,
    lat: AREA.south + random() * (AREA.north - AREA.south),
    lon: AREA.west + random() * (AREA.east - AREA.west),
    heading: random() * 360,
    turn: (random() - 0.5) * 0.6,
    speed: 0,
    alt: 0,
    climb: 0,
    adsb: kind < 4,
    cooperative: kind < 7,
    status: index % 17 === 5 ? 'tentative' : index % 13 === 3 ? 'coasting' : 'confirmed',
    callsign: null,
    mode3a: null,
    icao: null,
    emergency: null,
    imm: index % 3 === 0,
    history: [],
  };
  if (t.cooperative) {
    t.speed = 120 + random() * 130;
    t.alt = 2000 + random() * 10500;
    t.mode3a = (1000 + Math.floor(random() * 6000)).toString(8).padStart(4, '0').slice(-4);
    if (t.adsb) {
      t.callsign = `${AIRLINES[index % AIRLINES.length]}${100 + (index % 900)}`;
      t.icao = (0x4b0000 + index).toString(16).toUpperCase();
    }
  } else {
    t.speed = 15 + random() * 60;
    t.alt = index % 20 === 9 ? null : 150 + random() * 2500;
  }
  if (index === 4) {
    t.mode3a = '7700';
    t.emergency = '7700';
  }
  // Low drones circling from a point of Moldova's eastern border (world-atlas 1:50m): they cross it.
  if (index === 7 || index === 17) {
    Object.assign(t, { lat: 46.466, lon: 29.306, heading: index === 7 ? 90 : 270, turn: 1.5, speed: 40, alt: 300, climb: 0 });
  }
  return t;
}

let targets = Array.from({ length: options.tracks }, (_, i) => make_target(i));
let time_ms = START_MS;
let tick = 0;
const replay = { paused: false, speed: 1 };

function move(t, dt) {
  t.heading = (t.heading + t.turn * dt + 360) % 360;
  const north = t.speed * Math.cos(t.heading * DEG) * dt;
  const east = t.speed * Math.sin(t.heading * DEG) * dt;
  t.lat += north / EARTH_R / DEG;
  t.lon += east / (EARTH_R * Math.cos(t.lat * DEG)) / DEG;
  if (t.lat < AREA.south || t.lat > AREA.north || t.lon < AREA.west || t.lon > AREA.east) t.heading = (t.heading + 180) % 360;
  t.history.push({ time: new Date(time_ms).toISOString(), lat: t.lat, lon: t.lon, alt_m: t.alt });
  if (t.history.length > 120) t.history.shift();
}

function track_object(t) {
  const v_e = t.speed * Math.sin(t.heading * DEG);
  const v_n = t.speed * Math.cos(t.heading * DEG);
  const sensors = t.cooperative ? ['ssr-1', 'psr-north'] : ['psr-north'];
  if (t.adsb) sensors.push('adsb-1');
  return {
    id: t.id, status: t.status, time: new Date(time_ms).toISOString(), lat: t.lat, lon: t.lon,
    alt_m: t.alt, fl: t.cooperative && t.alt !== null ? Math.round(t.alt / 30.48) : null,
    vel_east_mps: v_e, vel_north_mps: v_n, vel_up_mps: t.climb, speed_mps: t.speed, course_deg: t.heading,
    callsign: t.callsign, mode3a: t.mode3a, icao: t.icao, cooperative: t.cooperative, adsb: t.adsb,
    emergency: t.emergency, sensors, imm: t.imm ? { cv: 0.82, ct: 0.18 } : null, class: null,
  };
}

/** Advances the picture by one update: every target moves; now and then one ends and one starts. */
function step() {
  const dt = replay.speed / options.rate;
  time_ms += dt * 1000;
  tick += 1;
  for (const t of targets) move(t, dt);
  const removed = [];
  if (tick % 10 === 0 && targets.length > 20) {
    const gone = targets.splice(20, 1)[0];
    removed.push(gone.id);
    targets.push(make_target(20 + (tick % 7)));
  }
  return removed;
}

function stats() {
  const counts = { tentative: 0, confirmed: 0, coasting: 0 };
  for (const t of targets) counts[t.status] += 1;
  return {
    time: new Date(time_ms).toISOString(), source: options.source, scenario: 'mock', plots_total: tick * targets.length,
    plots_per_s: targets.length * options.rate, tracks: counts, latency_ms: { p50: 12, p99: 48 }, dropped: 0, errors: 0,
    clients: sockets.size,
    replay: options.source === 'replay'
      ? { paused: replay.paused, speed: replay.speed, position: new Date(time_ms).toISOString(),
          start: new Date(START_MS).toISOString(), end: new Date(START_MS + DURATION_S * 1000).toISOString() }
      : null,
  };
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon' };

function authorised(request, url) {
  if (!options.token) return true;
  const bearer = request.headers.authorization === `Bearer ${options.token}`;
  const query = url.searchParams.get('token') === options.token;
  const cookie = (request.headers.cookie ?? '').split(/;\s*/).includes(`straja_token=${options.token}`);
  return bearer || query || cookie;
}

function send_json(response, status, body) {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  if (!authorised(request, url)) return send_json(response, 401, { error: 'token required' });
  const headers = url.searchParams.get('token') ? { 'Set-Cookie': `straja_token=${options.token}; HttpOnly; SameSite=Strict` } : {};
  const route = url.pathname;
  if (route === '/api/tracks') return send_json(response, 200, targets.map(track_object));
  const one = route.match(/^\/api\/tracks\/(\d+)$/);
  if (one) {
    const t = targets.find((target) => target.id === Number(one[1]));
    return t ? send_json(response, 200, { ...track_object(t), history: t.history }) : send_json(response, 404, { error: 'unknown track' });
  }
  if (route === '/api/sensors') return send_json(response, 200, SENSORS.map((s) => ({ ...s, plots_per_s: s.status === 'ok' ? 12.5 : 0 })));
  if (route === '/api/stats') return send_json(response, 200, stats());
  if (route === '/api/summary') return send_json(response, 200, { scenario: 'mock', reference: { lat: 47.0, lon: 28.6 }, time: new Date(time_ms).toISOString() });
  if (route === '/api/coverage') return send_json(response, 200, []); // as the server without --coverage
  if (route === '/health') return send_json(response, 200, { status: 'ok' });
  if (route === '/metrics') {
    response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    return response.end(`straja_tracks ${targets.length}\n`);
  }
  const relative = decodeURIComponent(route === '/' ? '/index.html' : route);
  if (relative.split('/').includes('..')) return send_json(response, 400, { error: 'bad path' });
  const file = path.join(options.root, relative);
  fs.readFile(file, (error, data) => {
    if (error) return send_json(response, 404, { error: 'not found' });
    response.writeHead(200, { ...headers, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    response.end(data);
  });
});

const sockets = new Set();
const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
server.on('upgrade', (request, socket, head) => {
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname !== '/ws' || !authorised(request, url)) {
    socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => {
    sockets.add(ws);
    ws.send(JSON.stringify({ type: 'snapshot', time: new Date(time_ms).toISOString(), tracks: targets.map(track_object) }));
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      let message;
      try {
        message = JSON.parse(String(data));
      } catch {
        return ws.send(JSON.stringify({ type: 'error', message: 'not JSON' }));
      }
      if (options.source !== 'replay') return ws.send(JSON.stringify({ type: 'error', message: 'the source is not a replay' }));
      if (message.action === 'pause') replay.paused = true;
      else if (message.action === 'resume') replay.paused = false;
      else if (message.action === 'speed' && message.value > 0) replay.speed = message.value;
      else if (message.action === 'seek' && Number.isFinite(Date.parse(message.time))) time_ms = Date.parse(message.time);
      else ws.send(JSON.stringify({ type: 'error', message: 'bad replay command' }));
    });
  });
});

function broadcast(message) {
  const text = JSON.stringify(message);
  for (const ws of sockets) ws.send(text);
}

setInterval(() => {
  if (replay.paused) return;
  const remove = step();
  broadcast({ type: 'delta', time: new Date(time_ms).toISOString(), upsert: targets.map(track_object), remove });
}, 1000 / options.rate);
setInterval(() => broadcast({ type: 'stats', ...stats() }), 1000);

server.listen(options.port, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}/`);
});
