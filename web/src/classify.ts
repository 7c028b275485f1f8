// How the display groups tracks: class (cooperative / non-cooperative / ADS-B-identified), altitude
// band, and the words and numbers an operator reads on a label or in the table.

import type { Track } from './protocol';

export type TrackClass = 'adsb' | 'cooperative' | 'non-cooperative';
export const TRACK_CLASSES: readonly TrackClass[] = ['adsb', 'cooperative', 'non-cooperative'];
export const CLASS_NAMES: Record<TrackClass, string> = {
  adsb: 'ADS-B',
  cooperative: 'Cooperative (SSR)',
  'non-cooperative': 'Non-cooperative',
};

/** ADS-B wins over cooperative: an ADS-B report identifies the aircraft by its own position. */
export function track_class(track: Track): TrackClass {
  if (track.adsb) return 'adsb';
  return track.cooperative ? 'cooperative' : 'non-cooperative';
}

const FEET_M = 0.3048;

/** Height in metres: the geometric altitude, else the flight level's pressure altitude, else null. */
export function altitude_m(track: Track): number | null {
  if (track.alt_m !== null && Number.isFinite(track.alt_m)) return track.alt_m;
  if (track.fl !== null && Number.isFinite(track.fl)) return track.fl * 100 * FEET_M;
  return null;
}

export interface AltitudeBand {
  id: string;
  name: string;
  /** Half-open [min_m, max_m); null bounds are open ends. */
  min_m: number | null;
  max_m: number | null;
}

export const ALTITUDE_BANDS: readonly AltitudeBand[] = [
  { id: 'low', name: 'below 1,000 m', min_m: null, max_m: 1000 },
  { id: 'medium', name: '1,000 - 6,000 m', min_m: 1000, max_m: 6000 },
  { id: 'high', name: 'above 6,000 m', min_m: 6000, max_m: null },
  { id: 'unknown', name: 'height unknown', min_m: null, max_m: null },
];

export function altitude_band(track: Track): string {
  const h = altitude_m(track);
  if (h === null) return 'unknown';
  for (const band of ALTITUDE_BANDS) {
    if (band.id === 'unknown') continue;
    if ((band.min_m === null || h >= band.min_m) && (band.max_m === null || h < band.max_m)) return band.id;
  }
  return 'unknown';
}

export const EMERGENCY_CODES: Record<string, string> = {
  '7500': 'unlawful interference',
  '7600': 'radio failure',
  '7700': 'general emergency',
};

/** The emergency code a track shows: the server's flag, else an emergency Mode 3/A. */
export function emergency_code(track: Track): string | null {
  if (track.emergency) return track.emergency;
  if (track.mode3a && track.mode3a in EMERGENCY_CODES) return track.mode3a;
  return null;
}

/** The label's first line: callsign, else Mode 3/A, else the track number. */
export function identity_text(track: Track): string {
  if (track.callsign) return track.callsign.trim();
  if (track.mode3a) return `A${track.mode3a}`;
  return `T${track.id}`;
}

export function level_text(track: Track): string {
  if (track.fl !== null && Number.isFinite(track.fl)) return `FL${String(Math.round(track.fl)).padStart(3, '0')}`;
  if (track.alt_m !== null && Number.isFinite(track.alt_m)) return `${Math.round(track.alt_m)}m`;
  return '---';
}

export const MPS_TO_KT = 3600 / 1852;

export function speed_kt(track: Track): number {
  return Math.round(track.speed_mps * MPS_TO_KT);
}
