// The operator display: wires the picture stream, the map and the panels together.
//
// Data flow: WebSocket snapshot/delta -> Picture (tracks + trails) -> alerts; then, at most once per
// animation frame, the filtered tracks -> the map's track overlay, <body data-track-count>,
// details, and (once a second) the table. REST: /api/summary and /api/sensors at start, sensors every 5 s,
// /api/tracks/ID when a track is selected, /api/tracks while the stream is down.

import './style.css';
import { AlertMonitor } from './alerts';
import { DEFAULT_NATIONAL, load_basemap } from './basemap';
import { PictureStream, fetch_json, type ConnectionState } from './connection';
import { CoverageOverlay } from './coverage_overlay';
import { DetailsPanel } from './details';
import { by_id, clock_text, element, number_text } from './dom';
import { Filters } from './filters';
import { Area } from './geometry';
import { MapView } from './map_view';
import { Picture, type PictureChange, type TrackEntry } from './picture';
import type { Sensor, ServerMessage, Stats, Summary, Track, TrackWithHistory } from './protocol';
import { ReplayControls } from './replay_controls';
import { TrackTable } from './track_table';
import { record, timings } from './timings';

const SENSOR_POLL_MS = 5000;
const HISTORY_POLL_MS = 5000;
const TABLE_REFRESH_MS = 1000;
const FALLBACK_POLL_MS = 1000;

const picture = new Picture();
const filters = new Filters();
const alerts = new AlertMonitor(null);
const map_view = new MapView(by_id('map'), (id) => select(id));
const coverage = new CoverageOverlay(map_view.map, by_id('coverage'));
const details = new DetailsPanel(by_id('details'), () => select(null));
const table = new TrackTable(by_id<HTMLTableElement>('track-table'), by_id<HTMLInputElement>('track-search'),
  by_id('track-table-count'), (id) => select(id, true));
let sensors: Sensor[] = [];
let stats: Stats | null = null;
let selected_id: number | null = null;
let drawn: TrackEntry[] = [];
let frame_requested = false;
let drawn_version = -1;
let table_drawn_at = 0;
let table_dirty = true;
let table_timer = 0;
let alerts_drawn_version = -1;
let history_timer = 0;

const stream = new PictureStream(on_message, on_connection);
const replay = new ReplayControls(by_id('replay-controls'), (command) => {
  if (!stream.send(command)) console.warn('replay: not connected');
});

function on_message(message: ServerMessage): void {
  let change: PictureChange | null = null;
  switch (message.type) {
    case 'snapshot':
      if (Array.isArray(message.tracks)) change = picture.apply_snapshot(message.time, message.tracks);
      break;
    case 'delta':
      change = picture.apply_delta(message.time, Array.isArray(message.upsert) ? message.upsert : [],
        Array.isArray(message.remove) ? message.remove : []);
      break;
    case 'stats':
      on_stats(message);
      break;
    case 'error':
      console.warn(`server: ${message.message}`);
      break;
    default:
      stream.malformed += 1;
  }
  if (change) {
    alerts.on_change(change, picture.time);
    request_frame();
  }
}

function on_stats(next: Stats): void {
  stats = next;
  replay.update(next);
  render_status();
}

function on_connection(state: ConnectionState): void {
  const field = by_id('status-bar').querySelector<HTMLElement>('[data-field="connection"]')!;
  field.textContent = state;
  field.dataset.state = state;
}

/** Draws the picture if it changed: called from requestAnimationFrame only. */
function frame(now: number): void {
  frame_requested = false;
  if (picture.version !== drawn_version) {
    const started = performance.now();
    drawn_version = picture.version;
    drawn = [];
    for (const entry of picture.tracks.values()) if (filters.passes(entry.track)) drawn.push(entry);
    const selected = selected_id === null ? null : picture.tracks.get(selected_id) ?? null;
    map_view.draw_tracks(drawn, selected);
    document.body.dataset.trackCount = String(drawn.length);
    document.body.dataset.pictureTime = picture.time ?? '';
    details.update(selected ? selected.track : null);
    table_dirty = true;
    render_status();
    record('draw', started);
  }
  if (table_dirty && now - table_drawn_at >= TABLE_REFRESH_MS) {
    const started = performance.now();
    table.set(drawn, selected_id);
    record('table', started);
    table_drawn_at = now;
    table_dirty = false;
  } else if (table_dirty && !table_timer) {
    table_timer = window.setTimeout(() => {
      table_timer = 0;
      request_frame();
    }, TABLE_REFRESH_MS - (now - table_drawn_at));
  }
  if (alerts.version !== alerts_drawn_version) {
    alerts_drawn_version = alerts.version;
    render_alerts();
  }
}

function request_frame(): void {
  if (frame_requested) return;
  frame_requested = true;
  requestAnimationFrame(frame);
}

/** Forces a full redraw (filters or selection changed). */
function redraw(): void {
  drawn_version = -1;
  table_drawn_at = 0;
  request_frame();
}

function select(id: number | null, centre = false): void {
  selected_id = id;
  window.clearInterval(history_timer);
  map_view.draw_history(null);
  const entry = id === null ? undefined : picture.tracks.get(id);
  if (id === null || !entry) {
    details.close();
    document.body.dataset.selectedTrack = '';
    redraw();
    return;
  }
  document.body.dataset.selectedTrack = String(id);
  details.open(entry.track);
  if (centre) map_view.map.easeTo({ center: [entry.track.lon, entry.track.lat], duration: 400 });
  // Only while the track is held: the server answers 404 for a dropped one.
  const load_history = async () => {
    if (!picture.tracks.has(id)) return;
    await fetch_json<TrackWithHistory>(`api/tracks/${id}`)
      .then((detail) => {
        if (selected_id !== id) return;
        details.set_history(detail);
        map_view.draw_history(Array.isArray(detail.history) ? detail.history : null);
      })
      .catch((error: Error) => console.warn(`track ${id}: ${error.message}`));
  };
  void load_history();
  history_timer = window.setInterval(load_history, HISTORY_POLL_MS);
  redraw();
}

function render_status(): void {
  const bar = by_id('status-bar');
  const set = (field: string, text: string) => {
    const target = bar.querySelector<HTMLElement>(`[data-field="${field}"]`);
    if (target) target.textContent = text;
  };
  set('time', clock_text(picture.time ?? stats?.time));
  set('tracks', `${drawn.length} drawn / ${picture.tracks.size}`);
  if (stats) {
    set('source', `${stats.source}${stats.scenario ? ` · ${stats.scenario}` : ''}`);
    set('plots', `${number_text(stats.plots_per_s, 0)} plots/s`);
    const latency = stats.latency_ms;
    set('latency', `latency p50 ${number_text(latency?.p50, 0, ' ms')} p99 ${number_text(latency?.p99, 0, ' ms')}`);
  }
}

function render_alerts(): void {
  const list = alerts.list();
  const items = list.map((alert) => {
    const li = element('li', `alert alert-${alert.kind}`);
    li.dataset.alertKind = alert.kind;
    if (alert.track_id !== null) li.dataset.trackId = String(alert.track_id);
    li.append(element('span', 'alert-time', clock_text(new Date(alert.since_ms).toISOString())), element('span', 'alert-text', alert.text));
    return li;
  });
  by_id('alert-list').replaceChildren(...items);
  const count = by_id('alert-count');
  count.textContent = String(list.length);
  count.dataset.count = String(list.length);
}

by_id('alert-list').addEventListener('click', (event) => {
  const li = (event.target as HTMLElement).closest<HTMLElement>('li[data-track-id]');
  if (li) select(Number(li.dataset.trackId), true);
});
filters.mount(by_id('filters'), redraw);

async function poll_sensors(): Promise<void> {
  try {
    const list = await fetch_json<Sensor[]>('api/sensors');
    if (!Array.isArray(list)) throw new Error('api/sensors: not an array');
    sensors = list;
    map_view.set_sensors(sensors);
    alerts.on_sensors(sensors, picture.time ?? stats?.time ?? null);
    request_frame();
  } catch (error) {
    console.warn(`sensors: ${(error as Error).message}`);
  }
}

/** While the stream is down the REST snapshot keeps the picture current. */
async function poll_tracks_while_disconnected(): Promise<void> {
  if (stream.state === 'connected') return;
  try {
    const tracks = await fetch_json<Track[]>('api/tracks');
    const current = await fetch_json<Stats>('api/stats').catch(() => null);
    if ((stream.state as ConnectionState) === 'connected' || !Array.isArray(tracks)) return;
    if (current) on_stats(current);
    alerts.on_change(picture.apply_snapshot(current?.time ?? picture.time ?? new Date().toISOString(), tracks), picture.time);
    request_frame();
  } catch (error) {
    console.warn(`tracks: ${(error as Error).message}`);
  }
}

async function start(): Promise<void> {
  const summary = await fetch_json<Summary>('api/summary').catch(() => null);
  const national = new URLSearchParams(window.location.search).get('national') ?? summary?.national ?? DEFAULT_NATIONAL;
  document.body.dataset.national = national;
  await map_view.ready();
  void coverage.start();
  const basemap = await load_basemap(national);
  map_view.set_basemap(basemap);
  if (basemap.national) alerts.set_national(new Area(basemap.national.geometry));
  if (summary?.reference && Number.isFinite(summary.reference.lat)) {
    map_view.map.jumpTo({ center: [summary.reference.lon, summary.reference.lat] });
  }
  const first = await fetch_json<Stats>('api/stats').catch(() => null);
  if (first) on_stats(first);
  await poll_sensors();
  window.setInterval(() => void poll_sensors(), SENSOR_POLL_MS);
  window.setInterval(() => void poll_tracks_while_disconnected(), FALLBACK_POLL_MS);
  stream.open();
  document.body.dataset.ready = 'true';
}

// Hooks for tests and scripts: where a track is on screen, which tracks are drawn, and the map
// (the render benchmark pans it).
declare global {
  interface Window {
    straja: {
      client_position(id: number): [number, number] | null;
      drawn_ids(): number[];
      map: MapView['map'];
      timings: Record<string, number[]>;
    };
  }
}
window.straja = {
  map: map_view.map,
  timings,
  client_position(id) {
    const entry = picture.tracks.get(id);
    return entry ? map_view.client_position(entry.track.lon, entry.track.lat) : null;
  },
  drawn_ids: () => drawn.map((entry) => entry.track.id),
};

document.body.dataset.trackCount = '0';
void start().catch((error: Error) => {
  console.warn(`start-up: ${error.message}`);
  by_id('status-bar').querySelector('[data-field="connection"]')!.textContent = `start-up failed: ${error.message}`;
});
