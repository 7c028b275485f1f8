// The details panel of the selected track: identity, kinematics, contributing sensors, IMM mode
// probabilities, and the history fetched from /api/tracks/ID (also drawn on the map). The panel
// element carries data-track-id while a track is shown.

import { CLASS_NAMES, EMERGENCY_CODES, emergency_code, identity_text, level_text, speed_kt, track_class } from './classify';
import { clock_text, element, number_text } from './dom';
import type { Track, TrackWithHistory } from './protocol';

export class DetailsPanel {
  private shown_id: number | null = null;
  private history_points: number | null = null;

  constructor(private readonly panel: HTMLElement, on_close: () => void) {
    panel.hidden = true;
    panel.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest('[data-action="close-details"]')) on_close();
    });
  }

  get track_id(): number | null {
    return this.shown_id;
  }

  /** Shows `track` (history pending); `update` refreshes the live fields afterwards. */
  open(track: Track): void {
    this.shown_id = track.id;
    this.history_points = null;
    this.panel.hidden = false;
    this.panel.dataset.trackId = String(track.id);
    this.render(track);
  }

  /** The server's answer for the shown track: its history length goes in the panel. */
  set_history(detail: TrackWithHistory): void {
    if (detail.id !== this.shown_id) return;
    this.history_points = Array.isArray(detail.history) ? detail.history.length : 0;
    this.render(detail);
  }

  update(track: Track | null): void {
    if (this.shown_id === null) return;
    if (!track) {
      this.panel.dataset.lost = 'true';
      this.panel.querySelector('[data-field="state"]')?.replaceChildren('track dropped');
      return;
    }
    this.render(track);
  }

  close(): void {
    this.shown_id = null;
    this.panel.hidden = true;
    delete this.panel.dataset.trackId;
    this.panel.replaceChildren();
  }

  private render(track: Track): void {
    delete this.panel.dataset.lost;
    const cls = track_class(track);
    const code = emergency_code(track);
    const header = element('header');
    header.append(element('h2', undefined, `${identity_text(track)}  ·  track ${track.id}`));
    const close = element('button', 'close', '×');
    close.dataset.action = 'close-details';
    close.title = 'Close';
    header.append(close);

    const rows: [string, string, string][] = [
      ['state', 'Status', track.status],
      ['class', 'Class', `${CLASS_NAMES[cls]}${track.class ? ` · ${track.class}` : ''}`],
      ['callsign', 'Callsign', track.callsign ?? '-'],
      ['mode3a', 'Mode 3/A', track.mode3a ?? '-'],
      ['icao', 'ICAO address', track.icao ?? '-'],
      ['emergency', 'Emergency', code ? `${code} ${EMERGENCY_CODES[code]}` : 'none'],
      ['time', 'Updated', clock_text(track.time)],
      ['position', 'Position', `${track.lat.toFixed(4)}, ${track.lon.toFixed(4)}`],
      ['level', 'Level', `${level_text(track)} · ${number_text(track.alt_m, 0, ' m')} geometric`],
      ['speed', 'Ground speed', `${speed_kt(track)} kt · ${number_text(track.course_deg, 0, '°')}`],
      ['climb', 'Vertical rate', number_text(track.vel_up_mps, 1, ' m/s')],
      ['sensors', 'Sensors', track.sensors?.length ? track.sensors.join(', ') : 'none recently'],
      ['history', 'History', this.history_points === null ? 'loading…' : `${this.history_points} positions`],
    ];
    const list = element('dl');
    for (const [field, name, value] of rows) {
      const dd = element('dd', undefined, value);
      dd.dataset.field = field;
      list.append(element('dt', undefined, name), dd);
    }

    const imm = element('div', 'imm');
    imm.dataset.field = 'imm';
    if (track.imm && Object.keys(track.imm).length) {
      imm.append(element('h3', undefined, 'IMM mode probabilities'));
      for (const [mode, p] of Object.entries(track.imm)) {
        const row = element('div', 'imm-row');
        const bar = element('span', 'bar');
        bar.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;
        const meter = element('span', 'meter');
        meter.append(bar);
        row.append(element('span', 'mode', mode.toUpperCase()), meter, element('span', 'p', p.toFixed(2)));
        imm.append(row);
      }
    } else {
      imm.append(element('h3', undefined, 'IMM mode probabilities'), element('p', 'muted', 'single-model filter'));
    }
    this.panel.replaceChildren(header, list, imm);
  }
}
