// The offline base map: land, sea and country borders from world-atlas (Natural Earth 1:50m,
// bundled at build time and served by the same server as the page), with the national territory
// and its border emphasised. No tiles, no glyphs, nothing from the internet.

import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import countries_url from 'world-atlas/countries-50m.json?url';
import { fetch_json } from './connection';

export interface BaseMap {
  land: FeatureCollection;
  /** Borders between two countries (coastlines excluded). */
  borders: MultiLineString;
  national: Feature<Polygon | MultiPolygon> | null;
}

export const DEFAULT_NATIONAL = 'Moldova';

/**
 * Loads the borders and finds the national country by name (case-insensitive) or ISO 3166-1
 * numeric code; `national` is null when no country matches (one warning, no emphasis drawn).
 */
export async function load_basemap(national_name: string): Promise<BaseMap> {
  const topology = await fetch_json<Topology<{ countries: GeometryCollection<{ name: string }> }>>(countries_url);
  const countries = topology.objects.countries;
  const land = feature(topology, countries) as FeatureCollection;
  const borders = mesh(topology, countries, (a, b) => a !== b) as MultiLineString;
  const wanted = national_name.trim().toLowerCase();
  const match = land.features.find(
    (country) =>
      String(country.id ?? '') === wanted.padStart(3, '0') ||
      String((country.properties as { name?: string } | null)?.name ?? '').toLowerCase() === wanted,
  );
  if (!match) console.warn(`base map: no country named '${national_name}'; no national border drawn`);
  const national =
    match && (match.geometry.type === 'Polygon' || match.geometry.type === 'MultiPolygon')
      ? (match as Feature<Polygon | MultiPolygon>)
      : null;
  return { land, borders, national };
}
