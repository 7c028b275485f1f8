// The tracks drawn on a 2D canvas stacked over the map: trails, speed vectors, symbols, the
// selection ring, and the track and sensor labels. The WebGL map below never repaints for a
// picture change: the overlay redraws alone, at most once per animation frame, when the picture
// changes (`set`, `set_sensors`) or the view moves (the map's 'move' and 'resize' events).
//
// A frame: the map's world-to-screen transform once (web_mercator.ts), then per track six
// multiply-adds on its stored world coordinates; lines and symbols go into a software framebuffer
// (raster.ts, symbols as pre-drawn stamps from track_stamps.ts) shown with one putImageData, and
// the labels are drawn over it as text. Decluttered as a dense picture needs: trails only while at
// most MAX_TRAILS drawn tracks are in view (the selected track's always), labels as labels.ts
// decides. Tracks whose symbol and speed vector are both outside the view are skipped.

import type { Map as MapLibre } from 'maplibre-gl';
import { draw_sensor_label, draw_track_label, prepare_labels, wants_label } from './labels';
import type { TrackEntry } from './picture';
import type { Sensor } from './protocol';
import { Raster, pixel_of } from './raster';
import { CLASS_COLOURS, LOOK_COUNT, SELECTION_RING_PX, TRAIL_OPACITY, look_parts, track_colour, track_look } from './symbology';
import { record } from './timings';
import { TrackStamps } from './track_stamps';
import { ScreenTransform, world_per_metre } from './web_mercator';

/** Length of the speed vector: where the track will be in this many seconds. */
export const VECTOR_LEAD_S = 60;
/** Trails are drawn for every track in view only while at most this many drawn tracks are in view. */
export const MAX_TRAILS = 500;
/** A symbol this far (CSS pixels) outside the view may still show its edge: drawn. */
const VIEW_MARGIN_PX = SELECTION_RING_PX / 2;

/** Speed-vector and trail pixels of each look (symbology.ts). */
const VECTOR_PIXELS = Uint32Array.from({ length: LOOK_COUNT }, (_, look) => {
  const { cls, emergency } = look_parts(look);
  return pixel_of(track_colour(cls, emergency));
});
const TRAIL_PIXELS = Uint32Array.from({ length: LOOK_COUNT }, (_, look) => pixel_of(CLASS_COLOURS[look_parts(look).cls], TRAIL_OPACITY));

export class TrackOverlay {
  private readonly canvas: HTMLCanvasElement;
  private readonly g: CanvasRenderingContext2D;
  private readonly raster = new Raster();
  private stamps = new TrackStamps(window.devicePixelRatio || 1);
  private entries: TrackEntry[] = [];
  private selected: TrackEntry | null = null;
  private sensors: Sensor[] = [];
  private frame_requested = false;

  // Per frame, for each track near the view (near_count of them): its index in `entries`, its look,
  // its screen position and the screen end of its speed vector (CSS pixels).
  private near_count = 0;
  private near_index = new Int32Array(0);
  private near_look = new Uint8Array(0);
  private near_x = new Float32Array(0);
  private near_y = new Float32Array(0);
  private vector_x = new Float32Array(0);
  private vector_y = new Float32Array(0);
  /** The symbols of the last frame inside the view: track ids and positions (picking). */
  private shown = { count: 0, ids: new Float64Array(0), x: new Float32Array(0), y: new Float32Array(0) };

  constructor(private readonly map: MapLibre) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'track-overlay';
    this.canvas.dataset.overlay = 'tracks';
    map.getContainer().append(this.canvas);
    this.g = this.canvas.getContext('2d')!;
    map.on('move', () => this.invalidate());
    map.on('resize', () => this.invalidate());
  }

  /** Replaces the drawn tracks (already filtered); `selected` gets a ring, its trail and label. */
  set(entries: TrackEntry[], selected: TrackEntry | null): void {
    this.entries = entries;
    this.selected = selected;
    this.invalidate();
  }

  set_sensors(sensors: Sensor[]): void {
    this.sensors = sensors;
    this.invalidate();
  }

  /** Redraws in the next animation frame (once, however often it is called before). */
  invalidate(): void {
    if (this.frame_requested) return;
    this.frame_requested = true;
    requestAnimationFrame(() => {
      this.frame_requested = false;
      this.draw();
    });
  }

  /** The id of the symbol drawn nearest to (x, y) (CSS pixels in the map) within `radius`, or null. */
  pick(x: number, y: number, radius: number): number | null {
    const { count, ids, x: xs, y: ys } = this.shown;
    let best: number | null = null;
    let best_d2 = radius * radius;
    for (let i = 0; i < count; i += 1) {
      const d2 = (xs[i] - x) ** 2 + (ys[i] - y) ** 2;
      if (d2 <= best_d2) {
        best_d2 = d2;
        best = ids[i];
      }
    }
    return best;
  }

  private draw(): void {
    const started = performance.now();
    const { width, height, ratio } = this.fit_canvas();
    const view = ScreenTransform.of(this.map);
    const in_view = this.project(view, width, height);
    this.raster.reset(this.canvas.width, this.canvas.height);
    this.draw_trails(view, ratio, in_view);
    this.draw_vectors(ratio);
    this.draw_symbols(ratio);
    this.raster.present(this.g);
    this.g.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.draw_labels(width, height, in_view);
    record('overlay', started);
  }

  /** Matches the canvas to the map container (CSS and device pixels); new stamps for a new ratio. */
  private fit_canvas(): { width: number; height: number; ratio: number } {
    const container = this.map.getContainer();
    const ratio = window.devicePixelRatio || 1;
    const width = container.clientWidth;
    const height = container.clientHeight;
    if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(height * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    if (this.stamps.ratio !== ratio) this.stamps = new TrackStamps(ratio);
    return { width, height, ratio };
  }

  /**
   * Projects every drawn track; keeps those whose symbol or vector touches the view (near_*), and
   * the symbols inside it for picking (shown). Returns how many drawn tracks are in the view.
   */
  private project(view: ScreenTransform, width: number, height: number): number {
    const n = this.entries.length;
    if (this.near_index.length < n) this.grow(Math.max(n, 2 * this.near_index.length));
    const left = -VIEW_MARGIN_PX;
    const top = -VIEW_MARGIN_PX;
    const right = width + VIEW_MARGIN_PX;
    const bottom = height + VIEW_MARGIN_PX;
    let near = 0;
    let shown = 0;
    for (let i = 0; i < n; i += 1) {
      const { track, trail } = this.entries[i];
      const [wx, wy] = trail[trail.length - 1];
      const x = view.x(wx, wy);
      const y = view.y(wx, wy);
      // The vector's end: metres east/north -> world units (y grows south) -> screen.
      const scale = VECTOR_LEAD_S * world_per_metre(track.lat);
      const ex = wx + scale * (track.vel_east_mps || 0);
      const ey = wy - scale * (track.vel_north_mps || 0);
      const vx = view.x(ex, ey);
      const vy = view.y(ex, ey);
      if (Math.max(x, vx) < left || Math.min(x, vx) > right || Math.max(y, vy) < top || Math.min(y, vy) > bottom) continue;
      this.near_index[near] = i;
      this.near_look[near] = track_look(track);
      this.near_x[near] = x;
      this.near_y[near] = y;
      this.vector_x[near] = vx;
      this.vector_y[near] = vy;
      near += 1;
      if (x >= 0 && x <= width && y >= 0 && y <= height) {
        this.shown.ids[shown] = track.id;
        this.shown.x[shown] = x;
        this.shown.y[shown] = y;
        shown += 1;
      }
    }
    this.near_count = near;
    this.shown.count = shown;
    return shown;
  }

  private grow(size: number): void {
    this.near_index = new Int32Array(size);
    this.near_look = new Uint8Array(size);
    this.near_x = new Float32Array(size);
    this.near_y = new Float32Array(size);
    this.vector_x = new Float32Array(size);
    this.vector_y = new Float32Array(size);
    this.shown = { count: 0, ids: new Float64Array(size), x: new Float32Array(size), y: new Float32Array(size) };
  }

  /** Every near track's trail while few are in view, else the selected track's only. */
  private draw_trails(view: ScreenTransform, ratio: number, in_view: number): void {
    const trail = (k: number) => {
      const points = this.entries[this.near_index[k]].trail;
      const pixel = TRAIL_PIXELS[this.near_look[k]];
      for (let j = 1; j < points.length; j += 1) {
        const [x0, y0] = points[j - 1];
        const [x1, y1] = points[j];
        this.raster.line(view.x(x0, y0) * ratio, view.y(x0, y0) * ratio, view.x(x1, y1) * ratio, view.y(x1, y1) * ratio, pixel);
      }
    };
    if (in_view <= MAX_TRAILS) {
      for (let k = 0; k < this.near_count; k += 1) trail(k);
    } else {
      const k = this.near_position(this.selected);
      if (k >= 0) trail(k);
    }
  }

  private draw_vectors(ratio: number): void {
    for (let k = 0; k < this.near_count; k += 1) {
      this.raster.line(this.near_x[k] * ratio, this.near_y[k] * ratio, this.vector_x[k] * ratio, this.vector_y[k] * ratio,
        VECTOR_PIXELS[this.near_look[k]]);
    }
  }

  /** Symbols over the lines, then the selection ring. */
  private draw_symbols(ratio: number): void {
    for (let k = 0; k < this.near_count; k += 1) {
      this.raster.stamp(this.stamps.symbol(this.near_look[k]), this.near_x[k] * ratio, this.near_y[k] * ratio);
    }
    const k = this.near_position(this.selected);
    if (k >= 0) this.raster.stamp(this.stamps.selection_ring(), this.near_x[k] * ratio, this.near_y[k] * ratio);
  }

  /** Labels of the tracks in view that labels.ts wants labelled, then the sensor sites' names. */
  private draw_labels(width: number, height: number, in_view: number): void {
    const g = this.g;
    prepare_labels(g);
    const selected_id = this.selected?.track.id ?? null;
    for (let k = 0; k < this.near_count; k += 1) {
      const { track } = this.entries[this.near_index[k]];
      const x = this.near_x[k];
      const y = this.near_y[k];
      if (x < 0 || y < 0 || x > width || y > height) continue;
      if (wants_label(track, in_view, selected_id)) draw_track_label(g, track, x, y);
    }
    for (const sensor of this.sensors) {
      if (!Number.isFinite(sensor.lat) || !Number.isFinite(sensor.lon)) continue;
      const p = this.map.project([sensor.lon, sensor.lat]);
      draw_sensor_label(g, sensor, p.x, p.y);
    }
  }

  /** The index in near_* of a drawn entry, or -1 when it is not near the view (or null). */
  private near_position(entry: TrackEntry | null): number {
    if (!entry) return -1;
    for (let k = 0; k < this.near_count; k += 1) if (this.entries[this.near_index[k]] === entry) return k;
    return -1;
  }
}
