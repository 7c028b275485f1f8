// The alerts an operator must not miss:
//  - a non-cooperative track below 1,000 m crossing the national border (its previous and current
//    positions fall on different sides of the border polygon);
//  - an emergency squawk (7500, 7600, 7700);
//  - a sensor whose status is not "ok".
// Emergency and sensor alerts last while their condition holds; a border crossing stays listed
// for BORDER_ALERT_S seconds of picture time (or until its track is dropped).

import { EMERGENCY_CODES, altitude_m, emergency_code, identity_text, track_class } from './classify';
import type { Area } from './geometry';
import type { PictureChange } from './picture';
import type { Sensor, Track } from './protocol';

export const LOW_ALTITUDE_M = 1000;
export const BORDER_ALERT_S = 300;

export type AlertKind = 'border' | 'emergency' | 'sensor';

export interface Alert {
  key: string;
  kind: AlertKind;
  text: string;
  /** The track to select when the alert is clicked; null for sensor alerts. */
  track_id: number | null;
  /** Picture time (ms since the epoch) the alert was raised. */
  since_ms: number;
}

/** True when the track should raise a border alert if it crossed: non-cooperative and low. */
function low_non_cooperative(track: Track): boolean {
  const h = altitude_m(track);
  return track_class(track) === 'non-cooperative' && h !== null && h < LOW_ALTITUDE_M;
}

export class AlertMonitor {
  private readonly alerts = new Map<string, Alert>();
  version = 0;

  constructor(private national: Area | null) {}

  set_national(area: Area | null): void {
    this.national = area;
  }

  /** Updates track alerts from one picture change at `time` (ISO). */
  on_change(change: PictureChange, time: string | null): void {
    const now = time ? Date.parse(time) : Date.now();
    let changed = false;
    for (const { entry, previous } of change.updated) {
      const track = entry.track;
      const emergency_key = `emergency:${track.id}`;
      const code = emergency_code(track);
      if (code && !this.alerts.has(emergency_key)) {
        this.raise({ key: emergency_key, kind: 'emergency', track_id: track.id, since_ms: now,
          text: `${identity_text(track)} squawks ${code} (${EMERGENCY_CODES[code]})` });
        changed = true;
      } else if (!code && this.alerts.delete(emergency_key)) {
        changed = true;
      }
      if (this.national && previous && low_non_cooperative(track)) {
        const was_inside = this.national.contains(previous.lon, previous.lat);
        const is_inside = this.national.contains(track.lon, track.lat);
        if (was_inside !== is_inside) {
          const h = Math.round(altitude_m(track) ?? 0);
          this.raise({ key: `border:${track.id}`, kind: 'border', track_id: track.id, since_ms: now,
            text: `${identity_text(track)} non-cooperative at ${h} m ${is_inside ? 'entered' : 'left'} national airspace` });
          changed = true;
        }
      }
    }
    for (const id of change.removed) {
      changed = this.alerts.delete(`emergency:${id}`) || changed;
      changed = this.alerts.delete(`border:${id}`) || changed;
    }
    for (const [key, alert] of this.alerts) {
      if (alert.kind === 'border' && now - alert.since_ms > BORDER_ALERT_S * 1000) {
        this.alerts.delete(key);
        changed = true;
      }
    }
    if (changed) this.version += 1;
  }

  /** Replaces the sensor alerts with one per sensor whose status is not "ok". */
  on_sensors(sensors: Sensor[], time: string | null): void {
    const now = time ? Date.parse(time) : Date.now();
    const down = new Set<string>();
    for (const sensor of sensors) {
      if (sensor.status === 'ok') continue;
      const key = `sensor:${sensor.id}`;
      down.add(key);
      const age = sensor.last_data_age_s === null ? 'never reported' : `last data ${Math.round(sensor.last_data_age_s)} s ago`;
      const why = sensor.status_reason ?? age;
      const text = `sensor ${sensor.id} is ${sensor.status} (${why})`;
      const existing = this.alerts.get(key);
      if (!existing || existing.text !== text) {
        this.raise({ key, kind: 'sensor', track_id: null, since_ms: existing?.since_ms ?? now, text });
      }
    }
    for (const key of [...this.alerts.keys()]) {
      if (key.startsWith('sensor:') && !down.has(key)) {
        this.alerts.delete(key);
        this.version += 1;
      }
    }
  }

  /** Sensor alerts first, then emergencies, then border crossings; newest first within a kind. */
  list(): Alert[] {
    const order: Record<AlertKind, number> = { sensor: 0, emergency: 1, border: 2 };
    return [...this.alerts.values()].sort((a, b) => order[a.kind] - order[b.kind] || b.since_ms - a.since_ms);
  }

  private raise(alert: Alert): void {
    this.alerts.set(alert.key, alert);
    this.version += 1;
  }
}
