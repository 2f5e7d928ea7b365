import MiniSearch from 'minisearch';
import { foldText } from './compute.js';

// Full-text search over programmes (MiniSearch): names, agency, description, the text as read and
// the vocabulary's English and Spanish labels, with accents and case folded, so "exportación",
// "exportacion" and "export" find what they should in both languages.

export interface SearchDoc {
  id: string;
  text: Record<string, string>;
}

const FIELDS = ['programme', 'programme_en', 'agency', 'description', 'type_text', 'target_text', 'labels', 'economy'];

/** Ids of the documents matching every word of `query` (prefixes and small typos allowed), best first. */
export function searchIds(docs: SearchDoc[], query: string): string[] {
  const index = new MiniSearch<{ id: string } & Record<string, string>>({
    fields: FIELDS,
    storeFields: [],
    processTerm: (term) => foldText(term),
    searchOptions: {
      combineWith: 'AND',
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      boost: { programme: 2, programme_en: 2, labels: 1.5 },
    },
  });
  index.addAll(docs.map((d) => ({ id: d.id, ...Object.fromEntries(FIELDS.map((f) => [f, d.text[f] ?? ''])) })));
  return index.search(query).map((r) => String(r.id));
}
