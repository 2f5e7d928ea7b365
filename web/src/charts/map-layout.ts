// Layout for FEALAC maps: which shapes to draw and how to project them. Pure: the topology is
// passed in. The projection is centred on the Pacific so East Asia, Oceania and Latin America
// sit side by side.
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { numericToIso3 } from '../lib/country-names';

export interface CountryShape {
  iso3: string;
  geometry: Geometry;
  /** A point stands in for an economy too small for the 1:110m shapes (Singapore). */
  isPoint: boolean;
}

/** Economies missing from world-atlas 110m, drawn as a dot at their capital. */
const SMALL_ECONOMIES: Record<string, [number, number]> = {
  SGP: [103.82, 1.35],
};

export const PROJECTION = { type: 'equal-earth' as const, rotate: [160, 0] as [number, number] };

export interface MapPanel {
  key: 'all' | 'east' | 'west';
  members: CountryShape[];
  domain: FeatureCollection;
}

export interface MapLayout {
  members: CountryShape[];
  others: Feature[];
  domain: FeatureCollection;
  /** On narrow screens: East Asia & Oceania above Latin America, each fitted to its members. */
  split: MapPanel[];
}

function firstLongitude(g: Geometry): number {
  let c: unknown = (g as { coordinates?: unknown }).coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' ? c[0] : 0;
}

function domainOf(members: readonly CountryShape[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: members.filter((m) => !m.isPoint).map((m) => ({ type: 'Feature', properties: {}, geometry: m.geometry })),
  };
}

export function layoutMap(topology: Topology, memberIso3: readonly string[]): MapLayout {
  const fc = feature(topology, topology.objects.countries as GeometryCollection) as FeatureCollection;
  const wanted = new Set(memberIso3);
  const members: CountryShape[] = [];
  const others: Feature[] = [];
  const seen = new Set<string>();
  for (const f of fc.features) {
    const iso3 = f.id !== undefined ? numericToIso3(String(f.id).padStart(3, '0')) : undefined;
    if (iso3 && wanted.has(iso3) && f.geometry) {
      members.push({ iso3, geometry: f.geometry, isPoint: false });
      seen.add(iso3);
    } else if (f.geometry && (f.properties as { name?: string } | null)?.name !== 'Antarctica') {
      others.push(f);
    }
  }
  for (const iso3 of memberIso3) {
    if (seen.has(iso3)) continue;
    const at = SMALL_ECONOMIES[iso3];
    if (at) members.push({ iso3, geometry: { type: 'Point', coordinates: at } as Point, isPoint: true });
  }
  members.sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1));
  // All East Asian and Oceanian members lie east of Greenwich, all Latin American ones west.
  const east = members.filter((m) => firstLongitude(m.geometry) > 0);
  const west = members.filter((m) => firstLongitude(m.geometry) <= 0);
  const split: MapPanel[] = [
    { key: 'east', members: east, domain: domainOf(east) },
    { key: 'west', members: west, domain: domainOf(west) },
  ].filter((p) => p.members.length > 0) as MapPanel[];
  return { members, others, domain: domainOf(members), split };
}
