// Searching the code lists by name for the form's pickers (pure; the lists are passed in).
import type { CodeLists, Place } from './codelists.js';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Places whose name or code contains the query, best first (code, then name prefix), at most 20. */
export function searchPlaces(lists: CodeLists, q: string, country?: string, limit = 20): Place[] {
  const needle = fold(q);
  const hits: { place: Place; rank: number }[] = [];
  for (const p of lists.places.values()) {
    if (country && p.iso3 !== country) continue;
    const name = fold(p.name);
    const rank = p.locode.toLowerCase() === needle ? 0 : name === needle ? 1 : name.startsWith(needle) ? 2 : name.includes(needle) || p.locode.toLowerCase().includes(needle) ? 3 : -1;
    if (rank >= 0) hits.push({ place: p, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.place.name.localeCompare(b.place.name));
  return hits.slice(0, limit).map((h) => h.place);
}
