// Small spherical geometry for drawing (range rings) and the border test. Spherical earth
// (mean radius): errors of a few tenths of a percent are invisible at display scales.

import type { MultiPolygon, Polygon, Position } from 'geojson';

const EARTH_RADIUS_M = 6371008.8;
const DEG = Math.PI / 180;

/** The point `distance_m` from (lon, lat) along the initial true bearing `bearing_deg`. */
export function destination(lon: number, lat: number, bearing_deg: number, distance_m: number): Position {
  const d = distance_m / EARTH_RADIUS_M;
  const b = bearing_deg * DEG;
  const p1 = lat * DEG;
  const l1 = lon * DEG;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [((l2 / DEG + 540) % 360) - 180, p2 / DEG];
}

/** A closed ring of `steps` + 1 points at `radius_m` around (lon, lat). */
export function circle(lon: number, lat: number, radius_m: number, steps = 96): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i <= steps; i += 1) ring.push(destination(lon, lat, (360 * i) / steps, radius_m));
  return ring;
}

/** Cells per side of the grid an Area lays over its bounding box. */
const AREA_GRID = 64;
const CELL_OUTSIDE = 0;
const CELL_INSIDE = 1;
const CELL_EDGE = 2;

/**
 * A polygon area prepared for many point-in-polygon tests: a grid over its bounding box knows
 * which cells lie wholly inside or outside (no edge's bounding box touches them), so most points
 * cost one lookup; only points in cells an edge may cross are tested against every ring.
 */
export class Area {
  private readonly polygons: Position[][][];
  private readonly west: number;
  private readonly east: number;
  private readonly south: number;
  private readonly north: number;
  private readonly cells = new Uint8Array(AREA_GRID * AREA_GRID);

  constructor(geometry: Polygon | MultiPolygon) {
    this.polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    let west = Infinity;
    let east = -Infinity;
    let south = Infinity;
    let north = -Infinity;
    for (const polygon of this.polygons) {
      for (const [x, y] of polygon[0]) {
        west = Math.min(west, x);
        east = Math.max(east, x);
        south = Math.min(south, y);
        north = Math.max(north, y);
      }
    }
    this.west = west;
    this.east = east;
    this.south = south;
    this.north = north;
    this.classify_cells();
  }

  /** Even-odd rule over every ring (holes included). */
  contains(lon: number, lat: number): boolean {
    if (!(lon >= this.west && lon <= this.east && lat >= this.south && lat <= this.north)) return false;
    const cell = this.cells[this.row(lat) * AREA_GRID + this.column(lon)];
    return cell === CELL_EDGE ? this.contains_exactly(lon, lat) : cell === CELL_INSIDE;
  }

  private column(lon: number): number {
    return Math.min(AREA_GRID - 1, Math.floor(((lon - this.west) / (this.east - this.west)) * AREA_GRID));
  }

  private row(lat: number): number {
    return Math.min(AREA_GRID - 1, Math.floor(((lat - this.south) / (this.north - this.south)) * AREA_GRID));
  }

  /** Marks the cells any edge's bounding box touches, then classifies the rest by their centres. */
  private classify_cells(): void {
    if (!(this.east > this.west && this.north > this.south)) {
      this.cells.fill(CELL_EDGE);
      return;
    }
    for (const polygon of this.polygons) {
      for (const ring of polygon) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
          const c0 = this.column(Math.min(ring[i][0], ring[j][0]));
          const c1 = this.column(Math.max(ring[i][0], ring[j][0]));
          const r0 = this.row(Math.min(ring[i][1], ring[j][1]));
          const r1 = this.row(Math.max(ring[i][1], ring[j][1]));
          // Cells are half-open and row()/column() map points and edges alike, so these are
          // exactly the cells the edge's bounding box meets.
          for (let r = r0; r <= r1; r += 1) {
            for (let c = c0; c <= c1; c += 1) this.cells[r * AREA_GRID + c] = CELL_EDGE;
          }
        }
      }
    }
    const width = (this.east - this.west) / AREA_GRID;
    const height = (this.north - this.south) / AREA_GRID;
    for (let r = 0; r < AREA_GRID; r += 1) {
      for (let c = 0; c < AREA_GRID; c += 1) {
        if (this.cells[r * AREA_GRID + c] === CELL_EDGE) continue;
        const inside = this.contains_exactly(this.west + (c + 0.5) * width, this.south + (r + 0.5) * height);
        this.cells[r * AREA_GRID + c] = inside ? CELL_INSIDE : CELL_OUTSIDE;
      }
    }
  }

  private contains_exactly(lon: number, lat: number): boolean {
    let inside = false;
    for (const polygon of this.polygons) {
      for (const ring of polygon) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
          const [xi, yi] = ring[i];
          const [xj, yj] = ring[j];
          if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
    }
    return inside;
  }
}
