// The picture the page holds: the current tracks by id (as the last snapshot and deltas left them),
// each with the recent positions the page has seen (its trail), and the picture time. The map,
// table, alerts and details all read from here.

import type { Track } from './protocol';
import { world_x, world_y } from './web_mercator';

/** Positions kept per track for its trail (one per update that moved it). */
export const TRAIL_POINTS = 20;
/** A jump longer than this between two updates restarts the trail (a track re-initialised far away). */
export const TRAIL_BREAK_DEG = 0.2;

export interface TrackEntry {
  track: Track;
  /**
   * Web Mercator world coordinates [x, y] (web_mercator.ts), oldest first, the current position
   * last: never empty. Converted once per update, so drawing needs no trigonometry.
   */
  trail: [number, number][];
}

export interface PictureChange {
  /** Tracks that appeared or changed, with the position they had before (null when new). */
  updated: { entry: TrackEntry; previous: Track | null }[];
  removed: number[];
}

export class Picture {
  readonly tracks = new Map<number, TrackEntry>();
  time: string | null = null;
  /** Increases on every change; views redraw when it differs from what they drew. */
  version = 0;
  malformed = 0;

  /** Replaces the whole picture; trails of tracks that are still there are kept. */
  apply_snapshot(time: string, tracks: Track[]): PictureChange {
    const kept = new Set<number>();
    const change: PictureChange = { updated: [], removed: [] };
    for (const track of tracks) {
      if (!this.valid(track)) continue;
      kept.add(track.id);
      change.updated.push(this.upsert(track));
    }
    for (const id of [...this.tracks.keys()]) {
      if (!kept.has(id)) {
        this.tracks.delete(id);
        change.removed.push(id);
      }
    }
    this.time = time;
    this.version += 1;
    return change;
  }

  apply_delta(time: string, upsert: Track[], remove: number[]): PictureChange {
    const change: PictureChange = { updated: [], removed: [] };
    for (const track of upsert) {
      if (this.valid(track)) change.updated.push(this.upsert(track));
    }
    for (const id of remove) {
      if (this.tracks.delete(id)) change.removed.push(id);
    }
    this.time = time;
    this.version += 1;
    return change;
  }

  private upsert(track: Track): { entry: TrackEntry; previous: Track | null } {
    const position: [number, number] = [world_x(track.lon), world_y(track.lat)];
    const entry = this.tracks.get(track.id);
    if (!entry) {
      const created = { track, trail: [position] };
      this.tracks.set(track.id, created);
      return { entry: created, previous: null };
    }
    const previous = entry.track;
    entry.track = track;
    // The trail's last point is the previous track's position.
    if (Math.abs(previous.lon - track.lon) > TRAIL_BREAK_DEG || Math.abs(previous.lat - track.lat) > TRAIL_BREAK_DEG) {
      entry.trail = [position];
    } else if (previous.lon !== track.lon || previous.lat !== track.lat) {
      entry.trail.push(position);
      if (entry.trail.length > TRAIL_POINTS) entry.trail.shift();
    }
    return { entry, previous };
  }

  /** A track without a numeric id and a finite position cannot be drawn: counted and skipped. */
  private valid(track: Track): boolean {
    const ok =
      track !== null &&
      typeof track === 'object' &&
      Number.isFinite(track.id) &&
      Number.isFinite(track.lat) &&
      Number.isFinite(track.lon);
    if (!ok) {
      this.malformed += 1;
      if (this.malformed === 1) console.warn('picture: skipped a track without an id or position');
    }
    return ok;
  }
}
