// Track and sensor symbology. Shape by class: ADS-B-identified a diamond, cooperative (SSR/Mode S)
// a circle, non-cooperative (primary radar only) a square. Status by fill: confirmed filled,
// tentative hollow, coasting hollow, dashed and dimmed. An emergency squawk turns the symbol and its
// speed vector red. The shapes are drawn by the track layer's shader (track_layer.ts), so the map
// needs no sprite or glyph server.

import type { TrackClass } from './classify';
import type { TrackStatus } from './protocol';

export const CLASS_COLOURS: Record<TrackClass, string> = {
  adsb: '#6fdc8c',
  cooperative: '#5ec8ff',
  'non-cooperative': '#ffb347',
};
export const EMERGENCY_COLOUR = '#ff4d4f';
export const SENSOR_STATUS_COLOURS = {
  ok: '#8fd18f', degraded: '#ff9f40', silent: '#ffcc4d', down: '#ff4d4f',
} as const;

/** Shader shape codes: 0 diamond, 1 circle, 2 square. */
export const SYMBOL_SHAPES: Record<TrackClass, number> = { adsb: 0, cooperative: 1, 'non-cooperative': 2 };
/** Symbol box side and the selection ring's, in CSS pixels. */
export const SYMBOL_SIZE_PX = 13;
export const SELECTION_RING_PX = 24;
export const STATUS_OPACITY: Record<TrackStatus, number> = { confirmed: 1, tentative: 0.85, coasting: 0.6 };
export const TRAIL_OPACITY = 0.45;

const rgba_cache = new Map<string, Uint8Array>();

/** The symbol colour of a class (red for an emergency) as RGBA bytes, opaque. */
export function colour_rgba(cls: TrackClass, emergency: boolean): Uint8Array {
  const hex = emergency ? EMERGENCY_COLOUR : CLASS_COLOURS[cls];
  let rgba = rgba_cache.get(hex);
  if (!rgba) {
    const value = Number.parseInt(hex.slice(1), 16);
    rgba = Uint8Array.of((value >> 16) & 255, (value >> 8) & 255, value & 255, 255);
    rgba_cache.set(hex, rgba);
  }
  return rgba;
}
