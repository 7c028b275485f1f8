// Track and sensor labels drawn on a 2D canvas over the map (system fonts, no glyph server).
// Line 1: callsign, else Mode 3/A, else track number; line 2: flight level (or height) and ground
// speed in knots. When more than MAX_LABELS drawn tracks are in view only the selected track and
// emergencies are labelled, so a dense picture stays readable and fast.

import type { Map as MapLibre } from 'maplibre-gl';
import { emergency_code, identity_text, level_text, speed_kt, track_class } from './classify';
import type { TrackEntry } from './picture';
import type { Sensor } from './protocol';
import { CLASS_COLOURS, EMERGENCY_COLOUR } from './symbology';

export const MAX_LABELS = 300;

export class LabelOverlay {
  private readonly canvas: HTMLCanvasElement;
  private entries: TrackEntry[] = [];
  private sensors: Sensor[] = [];
  private selected_id: number | null = null;

  constructor(private readonly map: MapLibre) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'label-overlay';
    this.canvas.dataset.overlay = 'labels';
    map.getContainer().append(this.canvas);
    map.on('render', () => this.draw());
    map.on('resize', () => this.draw());
  }

  set(entries: TrackEntry[], sensors: Sensor[], selected_id: number | null): void {
    this.entries = entries;
    this.sensors = sensors;
    this.selected_id = selected_id;
  }

  private draw(): void {
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
    const g = this.canvas.getContext('2d')!;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    g.font = '11px ui-monospace, "DejaVu Sans Mono", monospace';
    g.textBaseline = 'top';

    const bounds = this.map.getBounds();
    const west = bounds.getWest();
    const east = bounds.getEast();
    const south = bounds.getSouth();
    const north = bounds.getNorth();
    let in_view = 0;
    for (const { track } of this.entries) {
      if (track.lon >= west && track.lon <= east && track.lat >= south && track.lat <= north) in_view += 1;
    }
    const dense = in_view > MAX_LABELS;
    for (const { track } of this.entries) {
      if (track.lon < west || track.lon > east || track.lat < south || track.lat > north) continue;
      const emergency = emergency_code(track) !== null;
      if (dense && !emergency && track.id !== this.selected_id) continue;
      const p = this.map.project([track.lon, track.lat]);
      const colour = emergency ? EMERGENCY_COLOUR : CLASS_COLOURS[track_class(track)];
      this.text(g, identity_text(track), p.x + 9, p.y - 12, colour);
      this.text(g, `${level_text(track)} ${speed_kt(track)}kt`, p.x + 9, p.y + 1, '#c9d4de');
    }
    for (const sensor of this.sensors) {
      const p = this.map.project([sensor.lon, sensor.lat]);
      this.text(g, sensor.id, p.x + 8, p.y + 6, '#9fb3c8');
    }
  }

  private text(g: CanvasRenderingContext2D, text: string, x: number, y: number, colour: string): void {
    g.lineWidth = 3;
    g.strokeStyle = 'rgba(8, 18, 27, 0.85)';
    g.strokeText(text, x, y);
    g.fillStyle = colour;
    g.fillText(text, x, y);
  }
}
