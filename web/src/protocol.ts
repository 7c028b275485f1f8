// The picture protocol (docs/formats/picture-api.md) as TypeScript types: what the server sends
// over REST and the WebSocket, and what the page may send back. Times are ISO 8601 UTC strings,
// positions WGS84 degrees, heights metres.

export type TrackStatus = 'tentative' | 'confirmed' | 'coasting';

export interface Track {
  id: number;
  status: TrackStatus;
  time: string;
  lat: number;
  lon: number;
  alt_m: number | null;
  fl: number | null;
  vel_east_mps: number;
  vel_north_mps: number;
  vel_up_mps: number;
  speed_mps: number;
  course_deg: number;
  callsign: string | null;
  mode3a: string | null;
  icao: string | null;
  cooperative: boolean;
  adsb: boolean;
  emergency: '7500' | '7600' | '7700' | null;
  sensors: string[];
  imm: Record<string, number> | null;
  class: string | null;
}

export interface HistoryPoint {
  time: string;
  lat: number;
  lon: number;
  alt_m: number | null;
}

export interface TrackWithHistory extends Track {
  history: HistoryPoint[];
}

export type SensorKind = 'psr3d' | 'ssr' | 'adsb' | 'partner';

export interface Sensor {
  id: string;
  kind: SensorKind;
  sac: number;
  sic: number;
  lat: number;
  lon: number;
  height_m: number;
  max_range_m: number;
  status: 'ok' | 'degraded' | 'silent' | 'down';
  /** Why the status is not ok: the radar's own CAT034 status, or how long it has been silent. */
  status_reason: string | null;
  last_data_age_s: number | null;
  plots_per_s: number;
}

export interface ReplayState {
  paused: boolean;
  speed: number;
  position: string;
  start: string;
  end: string;
}

export interface Stats {
  time: string | null;
  source: 'demo' | 'replay' | 'live';
  scenario: string | null;
  plots_total: number;
  plots_per_s: number;
  tracks: { tentative: number; confirmed: number; coasting: number };
  latency_ms: { p50: number | null; p99: number | null } | null;
  dropped: number;
  errors: number;
  clients: number;
  replay: ReplayState | null;
}

/** GET /api/summary; `national` (a country name or ISO 3166 numeric code) is optional. */
export interface Summary {
  scenario: string | null;
  reference: { lat: number; lon: number } | null;
  time: string | null;
  national?: string | null;
}

export type ServerMessage =
  | { type: 'snapshot'; time: string; tracks: Track[] }
  | { type: 'delta'; time: string; upsert: Track[]; remove: number[] }
  | ({ type: 'stats' } & Stats)
  | { type: 'error'; message: string };

export type ReplayCommand =
  | { type: 'replay'; action: 'pause' }
  | { type: 'replay'; action: 'resume' }
  | { type: 'replay'; action: 'speed'; value: number }
  | { type: 'replay'; action: 'seek'; time: string };

/** One entry of GET /api/coverage: a coverage layer the page can overlay (GeoJSON at `url`). */
export interface CoverageLayer {
  id: string;
  layer_m: number;
  reference: string;
  rcs_m2: number;
  sensor: string;
  terrain: string;
  features: number;
  url: string;
}
