// Tiny DOM helpers shared by the panels.

/** The element with `id`; a missing element is a bug in index.html, reported at start-up. */
export function by_id<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element #${id}`);
  return element as T;
}

/** Creates an element with optional class and text. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, class_name?: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (class_name) created.className = class_name;
  if (text !== undefined) created.textContent = text;
  return created;
}

/** "10:00:03Z" from an ISO time, or a dash. */
export function clock_text(iso: string | null | undefined): string {
  if (!iso) return '--:--:--';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '--:--:--';
  return `${new Date(ms).toISOString().slice(11, 19)}Z`;
}

export function number_text(value: number | null | undefined, digits = 0, unit = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return `${value.toFixed(digits)}${unit}`;
}
