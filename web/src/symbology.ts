// Track and sensor symbology. Shape by class: ADS-B-identified a diamond, cooperative (SSR/Mode S)
// a circle, non-cooperative (primary radar only) a square. Status by fill: confirmed filled,
// tentative hollow, coasting hollow, dashed and dimmed. An emergency squawk turns the symbol and its
// speed vector red. The shapes are drawn on the page (track_sprites.ts), so the map needs no sprite
// or glyph server.

import { TRACK_CLASSES, emergency_code, track_class, type TrackClass } from './classify';
import type { Track, TrackStatus } from './protocol';

export const CLASS_COLOURS: Record<TrackClass, string> = {
  adsb: '#6fdc8c',
  cooperative: '#5ec8ff',
  'non-cooperative': '#ffb347',
};
export const EMERGENCY_COLOUR = '#ff4d4f';
export const SENSOR_STATUS_COLOURS = {
  ok: '#8fd18f', degraded: '#ff9f40', silent: '#ffcc4d', down: '#ff4d4f',
} as const;

export type SymbolShape = 'diamond' | 'circle' | 'square';
export const SYMBOL_SHAPES: Record<TrackClass, SymbolShape> = { adsb: 'diamond', cooperative: 'circle', 'non-cooperative': 'square' };
/** Symbol box side and the selection ring's, in CSS pixels. */
export const SYMBOL_SIZE_PX = 13;
export const SELECTION_RING_PX = 24;
export const STATUS_OPACITY: Record<TrackStatus, number> = { confirmed: 1, tentative: 0.85, coasting: 0.6 };
export const TRAIL_OPACITY = 0.45;
/** The dark rim of a filled (confirmed) symbol, near the sea's colour, so neighbours stand apart. */
export const SYMBOL_RIM_COLOUR = '#0b141c';
export const SELECTION_COLOUR = '#ffffff';

/** The symbol and speed-vector colour of a class, red for an emergency. */
export function track_colour(cls: TrackClass, emergency: boolean): string {
  return emergency ? EMERGENCY_COLOUR : CLASS_COLOURS[cls];
}

/**
 * A track's symbology (class, status, emergency) as one integer in [0, LOOK_COUNT), so that a
 * frame looks up symbols and colours in small tables instead of comparing strings.
 */
export interface Look {
  cls: TrackClass;
  status: TrackStatus;
  emergency: boolean;
}
const STATUSES: readonly TrackStatus[] = ['confirmed', 'tentative', 'coasting'];
export const LOOK_COUNT = TRACK_CLASSES.length * STATUSES.length * 2;

export function track_look(track: Track): number {
  const status = Math.max(0, STATUSES.indexOf(track.status));
  return (TRACK_CLASSES.indexOf(track_class(track)) * STATUSES.length + status) * 2 + (emergency_code(track) !== null ? 1 : 0);
}

export function look_parts(look: number): Look {
  const emergency = look % 2 === 1;
  const status = STATUSES[Math.floor(look / 2) % STATUSES.length];
  return { cls: TRACK_CLASSES[Math.floor(look / 2 / STATUSES.length)], status, emergency };
}
