// Track and sensor symbology. Shape by class: ADS-B-identified a diamond, cooperative (SSR/Mode S)
// a circle, non-cooperative (primary radar only) a square. Status by fill: confirmed filled,
// tentative hollow, coasting hollow and dimmed. An emergency squawk turns the symbol red.
// Icons are drawn here on a canvas, so the map needs no sprite or glyph server.

import type { TrackClass } from './classify';
import type { TrackStatus } from './protocol';

export const CLASS_COLOURS: Record<TrackClass, string> = {
  adsb: '#6fdc8c',
  cooperative: '#5ec8ff',
  'non-cooperative': '#ffb347',
};
export const EMERGENCY_COLOUR = '#ff4d4f';
export const SENSOR_STATUS_COLOURS = { ok: '#8fd18f', silent: '#ffcc4d', down: '#ff4d4f' } as const;

export const ICON_PIXEL_RATIO = 2;
const ICON_SIZE = 13 * ICON_PIXEL_RATIO;

export function icon_name(cls: TrackClass, status: TrackStatus, emergency: boolean): string {
  return `track-${cls}-${status}${emergency ? '-emergency' : ''}`;
}

/** Every icon the track layer may ask for: name and RGBA pixels. */
export function track_icons(): { name: string; image: ImageData }[] {
  const icons: { name: string; image: ImageData }[] = [];
  const classes: TrackClass[] = ['adsb', 'cooperative', 'non-cooperative'];
  const statuses: TrackStatus[] = ['tentative', 'confirmed', 'coasting'];
  for (const cls of classes) {
    for (const status of statuses) {
      for (const emergency of [false, true]) {
        icons.push({ name: icon_name(cls, status, emergency), image: draw_icon(cls, status, emergency) });
      }
    }
  }
  return icons;
}

function draw_icon(cls: TrackClass, status: TrackStatus, emergency: boolean): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = ICON_SIZE;
  canvas.height = ICON_SIZE;
  const g = canvas.getContext('2d')!;
  const c = ICON_SIZE / 2;
  const r = ICON_SIZE / 2 - 2.5 * ICON_PIXEL_RATIO * 0.5 - 1;
  g.beginPath();
  if (cls === 'adsb') {
    g.moveTo(c, c - r);
    g.lineTo(c + r, c);
    g.lineTo(c, c + r);
    g.lineTo(c - r, c);
    g.closePath();
  } else if (cls === 'cooperative') {
    g.arc(c, c, r * 0.85, 0, 2 * Math.PI);
  } else {
    const s = r * 0.75;
    g.rect(c - s, c - s, 2 * s, 2 * s);
  }
  const colour = emergency ? EMERGENCY_COLOUR : CLASS_COLOURS[cls];
  g.lineWidth = 1.6 * ICON_PIXEL_RATIO;
  g.strokeStyle = colour;
  if (status === 'coasting') g.setLineDash([2 * ICON_PIXEL_RATIO, 1.5 * ICON_PIXEL_RATIO]);
  if (status === 'confirmed') {
    g.fillStyle = colour;
    g.fill();
    g.strokeStyle = '#0b141c';
    g.lineWidth = 0.8 * ICON_PIXEL_RATIO;
  }
  g.stroke();
  return g.getImageData(0, 0, ICON_SIZE, ICON_SIZE);
}
