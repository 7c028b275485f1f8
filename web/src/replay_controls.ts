// Replay controls, shown only while /api/stats says the source is a replay: pause/resume, speed and
// a seek slider over the recording. Each control sends one WebSocket message
// ({"type":"replay","action":...}); the display follows the server's stats, not the click.

import { clock_text } from './dom';
import type { ReplayCommand, Stats } from './protocol';

export const REPLAY_SPEEDS = [0.5, 1, 2, 4, 8, 16, 32];

export class ReplayControls {
  private dragging = false;
  private start_ms = 0;

  constructor(
    private readonly panel: HTMLElement,
    private readonly send: (command: ReplayCommand) => void,
  ) {
    panel.hidden = true;
    const toggle = this.part<HTMLButtonElement>('toggle');
    const speed = this.part<HTMLSelectElement>('speed');
    const seek = this.part<HTMLInputElement>('seek');
    speed.replaceChildren(...REPLAY_SPEEDS.map((s) => new Option(`${s}×`, String(s))));
    toggle.addEventListener('click', () =>
      this.send({ type: 'replay', action: toggle.dataset.paused === 'true' ? 'resume' : 'pause' }));
    speed.addEventListener('change', () => this.send({ type: 'replay', action: 'speed', value: Number(speed.value) }));
    seek.addEventListener('input', () => {
      this.dragging = true;
      this.part('position').textContent = clock_text(new Date(this.start_ms + Number(seek.value) * 1000).toISOString());
    });
    seek.addEventListener('change', () => {
      this.dragging = false;
      this.send({ type: 'replay', action: 'seek', time: new Date(this.start_ms + Number(seek.value) * 1000).toISOString() });
    });
  }

  update(stats: Stats): void {
    const replay = stats.source === 'replay' ? stats.replay : null;
    this.panel.hidden = replay === null;
    if (!replay) return;
    const toggle = this.part<HTMLButtonElement>('toggle');
    toggle.dataset.paused = String(replay.paused);
    toggle.textContent = replay.paused ? 'Resume' : 'Pause';
    const speed = this.part<HTMLSelectElement>('speed');
    if (document.activeElement !== speed) {
      if (!REPLAY_SPEEDS.includes(replay.speed)) speed.append(new Option(`${replay.speed}×`, String(replay.speed)));
      speed.value = String(replay.speed);
    }
    this.start_ms = Date.parse(replay.start);
    const end_ms = Date.parse(replay.end);
    const position_ms = Date.parse(replay.position);
    if (!this.dragging && Number.isFinite(this.start_ms) && Number.isFinite(end_ms)) {
      const seek = this.part<HTMLInputElement>('seek');
      seek.max = String(Math.max(0, Math.round((end_ms - this.start_ms) / 1000)));
      seek.value = String(Math.round((position_ms - this.start_ms) / 1000));
      this.part('position').textContent = clock_text(replay.position);
    }
    this.part('end').textContent = clock_text(replay.end);
  }

  private part<T extends HTMLElement = HTMLElement>(name: string): T {
    const found = this.panel.querySelector<T>(`[data-replay="${name}"]`);
    if (!found) throw new Error(`index.html: replay control '${name}' missing`);
    return found;
  }
}
