// Durations of the page's own work (parse a message, draw a picture change, fill the table), the
// last KEEP of each kind, for the render benchmark (bench/web_fps.mjs) and for anyone profiling.

const KEEP = 300;
export const timings: Record<string, number[]> = {};

/** Records the time since `started` (a performance.now() value) under `name`. */
export function record(name: string, started: number): void {
  const list = (timings[name] ??= []);
  list.push(performance.now() - started);
  if (list.length > KEEP) list.shift();
}
