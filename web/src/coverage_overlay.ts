// The coverage overlay: one layer of a `straja coverage` audit drawn under the tracks, chosen in
// the side panel (none by default). The server lists the layers at /api/coverage (empty unless
// started with --coverage DIR) and serves each one's GeoJSON at its `url`
// (docs/formats/picture-api.md). A layer is filled by what its features carry: `pd` (detection
// probability) when present, else `sensors_seeing` (how many sensors see the cells alone; 0 =
// covered only by combining them), else one colour; the legend lists the classes drawn.
//
// For tests: <body data-coverage-layer> is the chosen id ('' when none) and
// data-coverage-features the number of features handed to the map for it.

import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { fetch_json } from './connection';
import { element } from './dom';
import type { CoverageLayer } from './protocol';

const SOURCE = 'coverage';
const FILL_LAYER = 'coverage-fill';
/** The overlay goes under the first of these that the style has (borders stay on top; the tracks are drawn over the map). */
const DRAW_BELOW = ['borders', 'national-border', 'rings'];
const FILL_OPACITY = 0.42;
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Colours by sensors seeing a cell alone: 0 (only combined), 1, 2, 3 or more; those of the
 * audit's own SVG/PNG maps (src/coverage/report.cpp). */
const SEEING_COLOURS = ['#f2c94c', '#a6d96a', '#4dac5a', '#1a6b35'];
const SINGLE_COLOUR = '#a6d96a';
/** Detection probability ramp, from the threshold up to 1. */
const PD_STOPS: [number, string][] = [[0.5, '#f2c94c'], [0.75, '#a6d96a'], [0.95, '#1a6b35']];

type Colouring = 'pd' | 'sensors_seeing' | 'single';

interface LegendEntry { colour: string; text: string }

function colouring_of(collection: FeatureCollection): Colouring {
  const has = (key: string) => collection.features.some((f) => typeof f.properties?.[key] === 'number');
  if (has('pd')) return 'pd';
  if (has('sensors_seeing')) return 'sensors_seeing';
  return 'single';
}

function fill_colour(colouring: Colouring): unknown {
  switch (colouring) {
    case 'pd':
      return ['interpolate', ['linear'], ['to-number', ['get', 'pd'], 0], ...PD_STOPS.flat()];
    case 'sensors_seeing':
      return ['step', ['to-number', ['get', 'sensors_seeing'], 0],
        SEEING_COLOURS[0], 1, SEEING_COLOURS[1], 2, SEEING_COLOURS[2], 3, SEEING_COLOURS[3]];
    default:
      return SINGLE_COLOUR;
  }
}

function legend_of(colouring: Colouring, collection: FeatureCollection, layer: CoverageLayer): LegendEntry[] {
  if (colouring === 'pd') return PD_STOPS.map(([pd, colour]) => ({ colour, text: `Pd ${pd}` }));
  if (colouring === 'single') return [{ colour: SINGLE_COLOUR, text: `covered by ${layer.sensor}` }];
  const seen = new Set<number>();
  for (const feature of collection.features) {
    const n = feature.properties?.sensors_seeing;
    if (typeof n === 'number') seen.add(Math.min(3, Math.max(0, Math.floor(n))));
  }
  return [...seen].sort((a, b) => a - b).map((n) => ({
    colour: SEEING_COLOURS[n],
    text: n === 0 ? 'only by combining sensors' : n === 3 ? '3 or more sensors' : `${n} sensor${n > 1 ? 's' : ''}`,
  }));
}

function layer_group(layer: CoverageLayer): string {
  return `${layer.layer_m} m ${String(layer.reference).toUpperCase()} · RCS ${layer.rcs_m2} m²`;
}

export class CoverageOverlay {
  private layers: CoverageLayer[] = [];
  private request = 0;
  private readonly select: HTMLSelectElement;
  private readonly legend: HTMLElement;

  constructor(private readonly map: MapLibre, private readonly panel: HTMLElement) {
    this.select = element('select');
    this.select.id = 'coverage-select';
    this.select.addEventListener('change', () => void this.show(this.select.value));
    this.legend = element('div', 'coverage-legend');
    this.legend.id = 'coverage-legend';
    panel.append(element('h2', undefined, 'Coverage'), this.select, this.legend);
    document.body.dataset.coverageLayer = '';
    document.body.dataset.coverageFeatures = '0';
  }

  /** Adds the (empty) overlay to the loaded map and fills the selector from /api/coverage. */
  async start(): Promise<void> {
    const below = DRAW_BELOW.find((id) => this.map.getLayer(id));
    this.map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
    this.map.addLayer({ id: FILL_LAYER, type: 'fill', source: SOURCE,
      paint: { 'fill-color': SINGLE_COLOUR, 'fill-opacity': FILL_OPACITY, 'fill-antialias': false } }, below);
    try {
      const list = await fetch_json<CoverageLayer[]>('api/coverage');
      this.layers = Array.isArray(list) ? list.filter((layer) => typeof layer?.id === 'string') : [];
    } catch (error) {
      console.warn(`coverage: ${(error as Error).message}`);
    }
    this.fill_selector();
  }

  private fill_selector(): void {
    const none = element('option', undefined, this.layers.length ? 'none' : 'none available');
    none.value = '';
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const layer of this.layers) {
      const label = layer_group(layer);
      let group = groups.get(label);
      if (!group) {
        group = element('optgroup');
        group.label = label;
        groups.set(label, group);
      }
      const option = element('option', undefined, layer.sensor === 'all' ? 'network' : layer.sensor);
      option.value = layer.id;
      group.append(option);
    }
    this.select.replaceChildren(none, ...groups.values());
    this.select.disabled = this.layers.length === 0;
    this.panel.dataset.layers = String(this.layers.length);
  }

  /** Draws the layer with this id ('' = none); a later choice wins over a slower earlier fetch. */
  async show(id: string): Promise<void> {
    const request = ++this.request;
    const layer = this.layers.find((candidate) => candidate.id === id);
    let collection = EMPTY;
    if (layer) {
      try {
        const fetched = await fetch_json<FeatureCollection>(layer.url);
        if (fetched?.type === 'FeatureCollection' && Array.isArray(fetched.features)) collection = fetched;
        else console.warn(`coverage ${id}: not a FeatureCollection`);
      } catch (error) {
        console.warn(`coverage ${id}: ${(error as Error).message}`);
      }
    }
    if (request !== this.request) return;
    const colouring = colouring_of(collection);
    this.map.setPaintProperty(FILL_LAYER, 'fill-color', fill_colour(colouring) as never);
    (this.map.getSource(SOURCE) as GeoJSONSource).setData(collection);
    this.draw_legend(layer && collection.features.length ? legend_of(colouring, collection, layer) : [], layer);
    document.body.dataset.coverageLayer = layer ? layer.id : '';
    document.body.dataset.coverageFeatures = String(collection.features.length);
  }

  private draw_legend(entries: LegendEntry[], layer: CoverageLayer | undefined): void {
    const rows = entries.map(({ colour, text }) => {
      const row = element('div', 'coverage-legend-row');
      const swatch = element('span', 'swatch');
      swatch.style.background = colour;
      swatch.style.opacity = String(Math.min(1, FILL_OPACITY * 2));
      row.append(swatch, document.createTextNode(text));
      return row;
    });
    if (layer?.terrain) rows.push(element('div', 'muted', layer.terrain));
    this.legend.replaceChildren(...rows);
  }
}
