// Web Mercator world coordinates (x east, y south, both in [0, 1] over the world, as MapLibre's
// MercatorCoordinate) and the map's world-to-screen transform. The page converts a position to
// world coordinates once, when it arrives; drawing a frame then costs six multiply-adds per point.

import type { Map as MapLibre } from 'maplibre-gl';

const DEG = Math.PI / 180;
/** Equatorial circumference of the sphere MapLibre projects (metres). */
const EARTH_CIRCUMFERENCE_M = 2 * Math.PI * 6378137;

export function world_x(lon: number): number {
  return (180 + lon) / 360;
}

export function world_y(lat: number): number {
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * DEG) / 2)) / (2 * Math.PI);
}

export function world_lon(x: number): number {
  return x * 360 - 180;
}

export function world_lat(y: number): number {
  return (2 * Math.atan(Math.exp((0.5 - y) * 2 * Math.PI)) - Math.PI / 2) / DEG;
}

/** World units per metre on the ground at latitude `lat` (the same east and north: conformal). */
export function world_per_metre(lat: number): number {
  return 1 / (EARTH_CIRCUMFERENCE_M * Math.cos(lat * DEG));
}

/**
 * world -> screen (CSS pixels from the map container's top-left):
 *   sx = a x + c y + e,  sy = b x + d y + f.
 * Exact for a map without pitch (MapView sets maxPitch 0), with any zoom and bearing; positions on
 * the world copy nearest the view centre only (the picture never spans the antimeridian).
 */
export class ScreenTransform {
  constructor(
    readonly a: number,
    readonly b: number,
    readonly c: number,
    readonly d: number,
    readonly e: number,
    readonly f: number,
  ) {}

  /** The map's current transform, from three projected points around the view centre. */
  static of(map: MapLibre): ScreenTransform {
    const centre = map.getCenter();
    const x0 = world_x(centre.lng);
    const y0 = world_y(centre.lat);
    // About 100 px at the current zoom (MapLibre's world is 512 px wide at zoom 0).
    const step = 100 / (512 * 2 ** map.getZoom());
    const p0 = map.project([world_lon(x0), world_lat(y0)]);
    const px = map.project([world_lon(x0 + step), world_lat(y0)]);
    const py = map.project([world_lon(x0), world_lat(y0 + step)]);
    const a = (px.x - p0.x) / step;
    const b = (px.y - p0.y) / step;
    const c = (py.x - p0.x) / step;
    const d = (py.y - p0.y) / step;
    return new ScreenTransform(a, b, c, d, p0.x - a * x0 - c * y0, p0.y - b * x0 - d * y0);
  }

  x(wx: number, wy: number): number {
    return this.a * wx + this.c * wy + this.e;
  }

  y(wx: number, wy: number): number {
    return this.b * wx + this.d * wy + this.f;
  }
}
