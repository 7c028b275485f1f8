// Track and sensor labels, drawn with system fonts by the track overlay (no glyph server).
// Line 1: callsign, else Mode 3/A, else track number; line 2: flight level (or height) and ground
// speed in knots. When more than MAX_LABELS drawn tracks are in view only the selected track and
// emergencies are labelled, so a dense picture stays readable and fast.

import { emergency_code, identity_text, level_text, speed_kt, track_class } from './classify';
import type { Sensor, Track } from './protocol';
import { track_colour } from './symbology';

export const MAX_LABELS = 300;

const LABEL_FONT = '11px ui-monospace, "DejaVu Sans Mono", monospace';
const HALO_COLOUR = 'rgba(8, 18, 27, 0.85)';
const SECOND_LINE_COLOUR = '#c9d4de';
const SENSOR_LABEL_COLOUR = '#9fb3c8';

/** Whether a drawn track in view is labelled while `in_view` drawn tracks are in view. */
export function wants_label(track: Track, in_view: number, selected_id: number | null): boolean {
  return in_view <= MAX_LABELS || track.id === selected_id || emergency_code(track) !== null;
}

/** Sets the font and baseline every label expects; call once per frame before drawing labels. */
export function prepare_labels(g: CanvasRenderingContext2D): void {
  g.font = LABEL_FONT;
  g.textBaseline = 'top';
  g.lineWidth = 3;
  g.strokeStyle = HALO_COLOUR;
}

/** The two-line label of a track whose symbol is at (x, y) CSS pixels. */
export function draw_track_label(g: CanvasRenderingContext2D, track: Track, x: number, y: number): void {
  text(g, identity_text(track), x + 9, y - 12, track_colour(track_class(track), emergency_code(track) !== null));
  text(g, `${level_text(track)} ${speed_kt(track)}kt`, x + 9, y + 1, SECOND_LINE_COLOUR);
}

/** A sensor site's name, beside its symbol at (x, y) CSS pixels. */
export function draw_sensor_label(g: CanvasRenderingContext2D, sensor: Sensor, x: number, y: number): void {
  text(g, sensor.id, x + 8, y + 6, SENSOR_LABEL_COLOUR);
}

/** Text with a dark halo (stroke style as prepare_labels set it). */
function text(g: CanvasRenderingContext2D, value: string, x: number, y: number, colour: string): void {
  g.strokeText(value, x, y);
  g.fillStyle = colour;
  g.fillText(value, x, y);
}
