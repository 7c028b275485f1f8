// The track table: the drawn tracks (after the filters), searchable by track number, callsign,
// Mode 3/A, ICAO address or sensor, sortable by any column (click a heading; again to reverse).
// At most MAX_ROWS rows are shown, so 10,000 tracks cost one sort on precomputed keys; the row
// elements are kept from one refresh to the next and only cells whose text changed are written.

import { CLASS_NAMES, altitude_m, emergency_code, identity_text, level_text, speed_kt, track_class } from './classify';
import { element } from './dom';
import type { TrackEntry } from './picture';
import type { Track } from './protocol';

export const MAX_ROWS = 200;

interface Column {
  key: string;
  name: string;
  text: (track: Track) => string;
  value: (track: Track) => number | string;
}

const COLUMNS: Column[] = [
  { key: 'id', name: 'Track', text: (t) => String(t.id), value: (t) => t.id },
  { key: 'ident', name: 'Ident', text: identity_text, value: identity_text },
  { key: 'class', name: 'Class', text: (t) => CLASS_NAMES[track_class(t)].split(' ')[0], value: track_class },
  { key: 'status', name: 'Status', text: (t) => t.status, value: (t) => t.status },
  { key: 'level', name: 'Level', text: level_text, value: (t) => altitude_m(t) ?? -1e9 },
  { key: 'speed', name: 'kt', text: (t) => String(speed_kt(t)), value: (t) => t.speed_mps },
  { key: 'sensors', name: 'Sensors', text: (t) => String(t.sensors?.length ?? 0), value: (t) => t.sensors?.length ?? 0 },
];

function matches(track: Track, query: string): boolean {
  if (!query) return true;
  const fields = [String(track.id), track.callsign, track.mode3a, track.icao, ...(track.sensors ?? [])];
  return fields.some((field) => field !== null && field !== undefined && field.toLowerCase().includes(query));
}

export class TrackTable {
  private sort_key = 'id';
  private descending = false;
  private query = '';
  private entries: TrackEntry[] = [];
  private selected_id: number | null = null;
  private readonly body: HTMLTableSectionElement;

  constructor(
    private readonly table: HTMLTableElement,
    search: HTMLInputElement,
    private readonly counter: HTMLElement,
    on_select: (id: number) => void,
  ) {
    const head = element('thead');
    const row = element('tr');
    for (const column of COLUMNS) {
      const th = element('th', undefined, column.name);
      th.dataset.sort = column.key;
      th.addEventListener('click', () => {
        this.descending = this.sort_key === column.key ? !this.descending : false;
        this.sort_key = column.key;
        this.render();
      });
      row.append(th);
    }
    head.append(row);
    this.body = element('tbody');
    table.replaceChildren(head, this.body);
    search.addEventListener('input', () => {
      this.query = search.value.trim().toLowerCase();
      this.render();
    });
    this.body.addEventListener('click', (event) => {
      const tr = (event.target as HTMLElement).closest('tr');
      if (tr?.dataset.trackId) on_select(Number(tr.dataset.trackId));
    });
  }

  set(entries: TrackEntry[], selected_id: number | null): void {
    this.entries = entries;
    this.selected_id = selected_id;
    this.render();
  }

  private render(): void {
    const column = COLUMNS.find((c) => c.key === this.sort_key) ?? COLUMNS[0];
    const found = this.entries.filter((entry) => matches(entry.track, this.query));
    const keyed = found.map(({ track }) => ({ track, key: column.value(track) }));
    const sign = this.descending ? -1 : 1;
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.track.id - b.track.id) * sign);
    const shown = Math.min(MAX_ROWS, keyed.length);
    while (this.body.rows.length > shown) this.body.lastElementChild!.remove();
    while (this.body.rows.length < shown) {
      const tr = element('tr');
      for (let c = 0; c < COLUMNS.length; c += 1) tr.append(element('td'));
      this.body.append(tr);
    }
    for (let r = 0; r < shown; r += 1) this.fill_row(this.body.rows[r], keyed[r].track);
    for (const th of this.table.querySelectorAll<HTMLElement>('th')) {
      th.dataset.sorted = th.dataset.sort === this.sort_key ? (this.descending ? 'descending' : 'ascending') : '';
    }
    this.table.dataset.rows = String(shown);
    this.counter.textContent =
      found.length > MAX_ROWS ? `${MAX_ROWS} of ${found.length} shown` : `${found.length} track${found.length === 1 ? '' : 's'}`;
  }

  /** Writes `track` into a row, touching only what differs from what the row shows. */
  private fill_row(tr: HTMLTableRowElement, track: Track): void {
    const id = String(track.id);
    if (tr.dataset.trackId !== id) tr.dataset.trackId = id;
    let class_name = `class-${track_class(track)} status-${track.status}`;
    if (emergency_code(track)) class_name += ' emergency';
    if (track.id === this.selected_id) class_name += ' selected';
    if (tr.className !== class_name) tr.className = class_name;
    COLUMNS.forEach((column, c) => {
      const cell = tr.cells[c];
      const text = column.text(track);
      if (cell.textContent !== text) cell.textContent = text;
    });
  }
}
