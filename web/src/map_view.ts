// The map: offline base map, sensors with range rings, the selected track's history (GeoJSON
// sources in MapLibre's WebGL map), and over it the tracks with their speed vectors, trails and
// labels (TrackOverlay, a 2D canvas). `draw_tracks` replaces the drawn tracks as a whole; the page
// calls it at most once per animation frame. The map has no pitch (the overlay's projection is
// affine).

import { Map as MapLibre, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import worker_url from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { BaseMap } from './basemap';
import { circle } from './geometry';
import type { TrackEntry } from './picture';
import type { HistoryPoint, Sensor } from './protocol';
import { SENSOR_STATUS_COLOURS } from './symbology';
import { TrackOverlay } from './track_overlay';

setWorkerUrl(worker_url);

/** Range rings every this many metres, out to each sensor's maximum range. */
export const RING_STEP_M = 50000;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const STYLE: StyleSpecification = {
  version: 8,
  sources: {
    land: { type: 'geojson', data: EMPTY },
    borders: { type: 'geojson', data: EMPTY },
    national: { type: 'geojson', data: EMPTY },
    rings: { type: 'geojson', data: EMPTY },
    sensors: { type: 'geojson', data: EMPTY },
    history: { type: 'geojson', data: EMPTY },
  },
  layers: [
    { id: 'sea', type: 'background', paint: { 'background-color': '#08121b' } },
    { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#141f29', 'fill-outline-color': '#2b3b4a' } },
    { id: 'national-fill', type: 'fill', source: 'national', paint: { 'fill-color': '#1b2a36' } },
    { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#3d5266', 'line-width': 0.8 } },
    { id: 'national-border', type: 'line', source: 'national',
      paint: { 'line-color': '#e9b949', 'line-width': 2.2, 'line-opacity': 0.9 } },
    { id: 'rings', type: 'line', source: 'rings',
      paint: {
        'line-color': ['case', ['get', 'max'], '#6f8aa3', '#3a4d5f'],
        'line-width': ['case', ['get', 'max'], 1.2, 0.7],
        'line-dasharray': [3, 3],
      } },
    { id: 'history', type: 'line', source: 'history',
      paint: { 'line-color': '#ffffff', 'line-width': 1.6, 'line-opacity': 0.8, 'line-dasharray': [2, 1] } },
    { id: 'sensor-sites', type: 'circle', source: 'sensors',
      paint: {
        'circle-radius': 5,
        'circle-color': '#0b141c',
        'circle-stroke-width': 2.5,
        'circle-stroke-color': ['match', ['get', 'status'], 'ok', SENSOR_STATUS_COLOURS.ok,
          'degraded', SENSOR_STATUS_COLOURS.degraded, 'silent', SENSOR_STATUS_COLOURS.silent,
          SENSOR_STATUS_COLOURS.down],
      } },
  ],
};

/** A click this close to a track symbol selects it. */
export const CLICK_RADIUS_PX = 10;

export class MapView {
  readonly map: MapLibre;
  private readonly tracks: TrackOverlay;
  private readonly loaded: Promise<void>;
  /** What the sensor sources were last built from: unchanged sensors leave the map alone. */
  private sensors_key = '';

  constructor(container: HTMLElement, on_track_click: (id: number) => void) {
    this.map = new MapLibre({
      container,
      style: STYLE,
      center: [28.5, 47.0],
      zoom: 6.3,
      attributionControl: { compact: true, customAttribution: 'Borders: Natural Earth (world-atlas)' },
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      fadeDuration: 0,
    });
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    this.tracks = new TrackOverlay(this.map);
    // Tracks are not map features: a click picks the nearest symbol the overlay drew.
    this.map.on('click', (event) => {
      const id = this.tracks.pick(event.point.x, event.point.y, CLICK_RADIUS_PX);
      if (id !== null) on_track_click(id);
    });
  }

  ready(): Promise<void> {
    return this.loaded;
  }

  private source(id: string): GeoJSONSource {
    return this.map.getSource(id) as GeoJSONSource;
  }

  set_basemap(basemap: BaseMap): void {
    this.source('land').setData(basemap.land);
    this.source('borders').setData({ type: 'Feature', geometry: basemap.borders, properties: {} });
    this.source('national').setData(basemap.national ?? EMPTY);
  }

  /** Sensor sites, their maximum-range ring and rings every RING_STEP_M inside it. */
  set_sensors(sensors: Sensor[]): void {
    this.tracks.set_sensors(sensors);
    const key = JSON.stringify(sensors.map((s) => [s.id, s.lat, s.lon, s.max_range_m, s.status]));
    if (key === this.sensors_key) return;
    this.sensors_key = key;
    const rings: Feature<LineString>[] = [];
    const sites: Feature<Point>[] = [];
    for (const sensor of sensors) {
      if (!Number.isFinite(sensor.lat) || !Number.isFinite(sensor.lon)) continue;
      sites.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [sensor.lon, sensor.lat] },
        properties: { id: sensor.id, status: sensor.status } });
      const max = Number.isFinite(sensor.max_range_m) ? sensor.max_range_m : 0;
      for (let r = RING_STEP_M; r < max; r += RING_STEP_M) {
        rings.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: circle(sensor.lon, sensor.lat, r) },
          properties: { max: false } });
      }
      if (max > 0) {
        rings.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: circle(sensor.lon, sensor.lat, max) },
          properties: { max: true } });
      }
    }
    this.source('rings').setData({ type: 'FeatureCollection', features: rings });
    this.source('sensors').setData({ type: 'FeatureCollection', features: sites });
  }

  /** Replaces the drawn tracks with `entries` (already filtered): symbols, vectors, trails, labels. */
  draw_tracks(entries: TrackEntry[], selected: TrackEntry | null): void {
    this.tracks.set(entries, selected);
  }

  /** The selected track's history from the server (oldest first), or nothing. */
  draw_history(history: HistoryPoint[] | null): void {
    const coordinates = (history ?? []).filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat)).map((p) => [p.lon, p.lat]);
    this.source('history').setData(coordinates.length > 1
      ? { type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: {} }
      : EMPTY);
  }

  /** Viewport pixel position of a point, for overlays and tests. */
  client_position(lon: number, lat: number): [number, number] {
    const p = this.map.project([lon, lat]);
    const box = this.map.getContainer().getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
  }
}
