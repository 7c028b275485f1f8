// The picture the page holds: the current tracks by id (as the last snapshot and deltas left them),
// each with the recent positions the page has seen (its trail), and the picture time. The map,
// table, alerts and details all read from here.

import type { Track } from './protocol';

/** Positions kept per track for its trail (one per update that moved it). */
export const TRAIL_POINTS = 20;
/** A jump longer than this between two updates restarts the trail (a track re-initialised far away). */
export const TRAIL_BREAK_DEG = 0.2;

export interface TrackEntry {
  track: Track;
  /** [lon, lat] oldest first, the current position last. */
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
    const entry = this.tracks.get(track.id);
    if (!entry) {
      const created = { track, trail: [[track.lon, track.lat]] as [number, number][] };
      this.tracks.set(track.id, created);
      return { entry: created, previous: null };
    }
    const previous = entry.track;
    entry.track = track;
    const last = entry.trail[entry.trail.length - 1];
    if (Math.abs(last[0] - track.lon) > TRAIL_BREAK_DEG || Math.abs(last[1] - track.lat) > TRAIL_BREAK_DEG) {
      entry.trail = [[track.lon, track.lat]];
    } else if (last[0] !== track.lon || last[1] !== track.lat) {
      entry.trail.push([track.lon, track.lat]);
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
