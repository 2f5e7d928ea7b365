// The HS 2022 code list the assistant carries (codelists/, versioned with the product), and its
// search: by code prefix, by English words of the descriptions, and by Spanish words of the
// sections and chapters (codelists/hs2022_es.json, written for Puente: the list has no Spanish
// text, so a Spanish word finds a chapter and its headings, not a heading's own wording).
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import es from './codelists/hs2022_es.json' with { type: 'json' };
import type { Product } from './schema.js';

const here = (f: string) => new URL(`./codelists/${f}`, import.meta.url);

interface HsList {
  byCode: Map<string, Product>;
  all: Product[];
  index: MiniSearch;
}

let loaded: HsList | null = null;

/** Folds case and accents: "Café" and "cafe" are the same word. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function load(): HsList {
  if (loaded) return loaded;
  const sections = new Map(
    (parse(readFileSync(here('hs2022_sections.csv'), 'utf8'), { columns: true, bom: true }) as { section: string; name: string }[]).map((r) => [r.section, r.name]),
  );
  const rows = parse(readFileSync(here('hs2022_full.csv'), 'utf8'), { columns: true, bom: true }) as { section: string; hscode: string; description: string; level: string }[];
  const all: Product[] = rows
    .filter((r) => ['2', '4', '6'].includes(r.level))
    .map((r) => ({ code: r.hscode, level: Number(r.level), description: r.description, section: r.section, section_name: sections.get(r.section) ?? '', chapter: r.hscode.slice(0, 2) }));
  const byCode = new Map(all.map((p) => [p.code, p]));
  const chaptersEs = es.chapters as Record<string, string>;
  const sectionsEs = es.sections as Record<string, string>;
  const index = new MiniSearch({
    fields: ['description', 'es', 'section'],
    storeFields: [],
    processTerm: (t) => fold(t),
    searchOptions: { combineWith: 'AND', prefix: (t) => t.length >= 3, fuzzy: (t) => (t.length >= 5 ? 0.2 : false), boost: { description: 2, es: 1.5 } },
  });
  index.addAll(
    all.map((p) => ({
      id: p.code,
      description: p.description,
      // A chapter's Spanish words belong to the chapter itself most; its headings carry them too.
      es: `${chaptersEs[p.chapter] ?? ''} ${p.level === 2 ? sectionsEs[p.section] ?? '' : ''}`,
      section: p.section_name,
    })),
  );
  loaded = { byCode, all, index };
  return loaded;
}

/** The product of an HS code (2, 4 or 6 digits); null when the list has no such code. */
export function productOf(code: string): Product | null {
  return load().byCode.get(code) ?? null;
}

/** Products matching words (English or Spanish) or the start of a code, best first; chapters and headings before subheadings at equal score. */
export function searchHs(q: string, options: { level?: number; limit?: number } = {}): (Product & { score: number | null })[] {
  const { all, index } = load();
  const limit = options.limit ?? 50;
  const text = q.trim();
  const ok = (p: Product) => !options.level || p.level === options.level;
  if (/^\d{1,6}$/.test(text)) {
    return all.filter((p) => p.code.startsWith(text) && ok(p)).slice(0, limit).map((p) => ({ ...p, score: null }));
  }
  const { byCode } = load();
  return index
    .search(text)
    .map((r) => ({ ...byCode.get(String(r.id))!, score: Math.round(r.score * 100) / 100 }))
    .filter(ok)
    .sort((a, b) => b.score - a.score || a.level - b.level || a.code.localeCompare(b.code))
    .slice(0, limit);
}

/** Version of the carried list, for the sources. */
export const HS_SOURCE = {
  id: 'assistant-hs2022',
  publisher: 'UN Comtrade (HS text © WCO)',
  title: 'Harmonized System 2022 code list, via datasets/harmonized-system @ 905e5a0f (carried by Puente, Spanish search words written for Puente)',
  url: 'https://github.com/datasets/harmonized-system',
  license: 'ODC-PDDL',
  retrieved_at: null,
  imported_at: null,
  synthetic: false,
};
