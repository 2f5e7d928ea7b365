import type { Mapping, MatrixKind, Vocabulary } from './schema.js';

// Pure calculations of the support module (METHODS §6): placing the source's free text on the
// controlled vocabulary, the presence matrix, gaps against peers and peer similarity.

/** Terms of a free-text list: `;`-separated, but a `;` inside brackets belongs to its term. */
export function splitTerms(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (ch === ';' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** How terms are compared with the mapping's keys: trimmed, spaces collapsed, case-folded. */
export function termKey(term: string): string {
  return term.replace(/\s+/g, ' ').trim().toLowerCase();
}

export interface Unplaced {
  term: string;
  reason: 'reviewed' | 'not_in_mapping';
}

export interface Placed {
  codes: string[];
  unplaced: Unplaced[];
}

/** Codes of a text's terms through the mapping; a term it cannot place is listed, never guessed. */
// The keyed index of a table, built once per table object (tables are the versioned files' data).
const indexes = new WeakMap<Record<string, string[]>, Map<string, string[]>>();
function indexOf(table: Record<string, string[]>): Map<string, string[]> {
  let index = indexes.get(table);
  if (!index) {
    index = new Map(Object.entries(table).map(([k, v]) => [termKey(k), v]));
    indexes.set(table, index);
  }
  return index;
}

export function placeTerms(text: string | null | undefined, table: Record<string, string[]>): Placed {
  const index = indexOf(table);
  const codes: string[] = [];
  const unplaced: Unplaced[] = [];
  for (const term of splitTerms(text)) {
    const mapped = index.get(termKey(term));
    if (mapped === undefined) unplaced.push({ term, reason: 'not_in_mapping' });
    else if (!mapped.length) unplaced.push({ term, reason: 'reviewed' });
    else for (const c of mapped) if (!codes.includes(c)) codes.push(c);
  }
  return { codes, unplaced };
}

export interface Classified {
  types: string[];
  targets: string[];
  areas: string[];
  unplaced_types: string[];
  unplaced_targets: string[];
  border_scope: 'domestic' | 'both' | 'cross_border' | null;
}

/**
 * The terms placed for one kind: the vocabulary's own codes and English and Spanish names (an
 * editor may write "women" or "Mujeres"), then the reviewed mapping, which wins where both speak.
 */
const termTables = new WeakMap<Mapping, Map<Vocabulary, Record<'types' | 'targets', Record<string, string[]>>>>();
export function termTable(kind: 'types' | 'targets', vocab: Vocabulary, mapping: Mapping): Record<string, string[]> {
  let byVocab = termTables.get(mapping);
  if (!byVocab) termTables.set(mapping, (byVocab = new Map()));
  let tables = byVocab.get(vocab);
  if (!tables) byVocab.set(vocab, (tables = { types: buildTermTable('types', vocab, mapping), targets: buildTermTable('targets', vocab, mapping) }));
  return tables[kind];
}

function buildTermTable(kind: 'types' | 'targets', vocab: Vocabulary, mapping: Mapping): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const item of vocab[kind]) for (const name of [item.code, item.code.replace(/_/g, ' '), item.en, item.es]) table[termKey(name)] = [item.code];
  for (const [term, codes] of Object.entries(mapping[kind])) table[termKey(term)] = codes;
  return table;
}

/** A programme's place in the vocabulary, from its text as read. Unknown stays null. */
export function classify(p: { type_text: string | null; target_text: string | null; cross_border: string | null }, vocab: Vocabulary, mapping: Mapping): Classified {
  const types = placeTerms(p.type_text, termTable('types', vocab, mapping));
  const targets = placeTerms(p.target_text, termTable('targets', vocab, mapping));
  const areas: string[] = [];
  for (const t of types.codes) for (const a of vocab.types.find((x) => x.code === t)?.areas ?? []) if (!areas.includes(a)) areas.push(a);
  const border = vocab.border_scopes.find((b) => b.from.includes((p.cross_border ?? '').trim().toLowerCase()));
  return {
    types: types.codes,
    targets: targets.codes,
    areas,
    unplaced_types: types.unplaced.map((u) => u.term),
    unplaced_targets: targets.unplaced.map((u) => u.term),
    border_scope: (border?.code as Classified['border_scope']) ?? null,
  };
}

/** Problems of a mapping against its vocabulary (a code the vocabulary lacks); empty when sound. */
export function mappingProblems(vocab: Vocabulary, mapping: Mapping): string[] {
  const problems: string[] = [];
  const typeCodes = new Set(vocab.types.map((t) => t.code));
  const targetCodes = new Set(vocab.targets.map((t) => t.code));
  const areaCodes = new Set(vocab.areas.map((a) => a.code));
  for (const t of vocab.types) for (const a of t.areas) if (!areaCodes.has(a)) problems.push(`vocabulary: type ${t.code} names unknown area "${a}"`);
  for (const [term, codes] of Object.entries(mapping.types)) for (const c of codes) if (!typeCodes.has(c)) problems.push(`mapping: type term "${term}" -> unknown type "${c}"`);
  for (const [term, codes] of Object.entries(mapping.targets)) for (const c of codes) if (!targetCodes.has(c)) problems.push(`mapping: target term "${term}" -> unknown target "${c}"`);
  const seen = new Map<string, string>();
  for (const kind of ['types', 'targets'] as const) {
    seen.clear();
    for (const term of Object.keys(mapping[kind])) {
      const k = termKey(term);
      if (seen.has(k)) problems.push(`mapping: ${kind} terms "${seen.get(k)}" and "${term}" are the same term`);
      seen.set(k, term);
    }
  }
  return problems;
}

export interface Placeable {
  id: string;
  iso3: string;
  types: string[];
  targets: string[];
}

/** economy -> codes present (a code is present when at least one programme carries it). */
export function presence(programmes: Placeable[], kind: MatrixKind): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of programmes) {
    const set = out.get(p.iso3) ?? new Set<string>();
    for (const c of kind === 'type' ? p.types : p.targets) set.add(c);
    out.set(p.iso3, set);
  }
  return out;
}

/** Programmes per economy and code: the matrix cell is a count (0 = none recorded). */
export function matrixCounts(programmes: Placeable[], economies: string[], codes: string[], kind: MatrixKind): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>(economies.map((e) => [e, new Map(codes.map((c) => [c, 0]))]));
  for (const p of programmes) {
    const row = out.get(p.iso3);
    if (!row) continue;
    for (const c of kind === 'type' ? p.types : p.targets) if (row.has(c)) row.set(c, row.get(c)! + 1);
  }
  return out;
}

export interface Gap {
  code: string;
  peers: string[];
}

/**
 * Gaps of `home`: the codes present in at least k of its peers and absent at home, with the
 * peers that have them (most peers first, then code). The home economy is never its own peer.
 */
export function gapsOf(home: string, peers: string[], present: Map<string, Set<string>>, k: number): Gap[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number of at least 1, not ${k}`);
  const mine = present.get(home) ?? new Set<string>();
  const others = peers.filter((p) => p !== home);
  const holders = new Map<string, string[]>();
  for (const peer of others) for (const c of present.get(peer) ?? []) holders.set(c, [...(holders.get(c) ?? []), peer]);
  return [...holders.entries()]
    .filter(([code, who]) => !mine.has(code) && who.length >= k)
    .map(([code, who]) => ({ code, peers: [...who].sort() }))
    .sort((a, b) => b.peers.length - a.peers.length || a.code.localeCompare(b.code));
}

/** Jaccard similarity |A ∩ B| / |A ∪ B|; null when both are empty (nothing to compare, not 0 or 1). */
export function jaccard(a: Set<string>, b: Set<string>): number | null {
  const union = new Set([...a, ...b]);
  if (!union.size) return null;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / union.size;
}

export interface Similarity {
  peer: string;
  jaccard: number | null;
  shared: string[];
  home_only: string[];
  peer_only: string[];
}

/** Each peer's similarity to home, most similar first (unknown last). */
export function similarities(home: string, peers: string[], present: Map<string, Set<string>>): Similarity[] {
  const mine = present.get(home) ?? new Set<string>();
  return peers
    .filter((p) => p !== home)
    .map((peer) => {
      const theirs = present.get(peer) ?? new Set<string>();
      return {
        peer,
        jaccard: jaccard(mine, theirs),
        shared: [...mine].filter((c) => theirs.has(c)).sort(),
        home_only: [...mine].filter((c) => !theirs.has(c)).sort(),
        peer_only: [...theirs].filter((c) => !mine.has(c)).sort(),
      };
    })
    .sort((a, b) => (b.jaccard ?? -1) - (a.jaccard ?? -1) || a.peer.localeCompare(b.peer));
}

/** Maturity per type: the highest policy-cycle stage reached by any programme of it; null = no stage stated. */
export function maturity(programmes: { types: string[]; stage: string | null }[], stages: { code: string; rank: number }[]): Map<string, string | null> {
  const rank = new Map(stages.map((s) => [s.code, s.rank]));
  const out = new Map<string, string | null>();
  for (const p of programmes) {
    for (const t of p.types) {
      const cur = out.get(t) ?? null;
      if (!out.has(t)) out.set(t, null);
      if (p.stage && rank.has(p.stage) && (cur === null || rank.get(p.stage)! > rank.get(cur)!)) out.set(t, p.stage);
    }
  }
  return out;
}

/** Accent- and case-folded text, so "exportación" and "Exportacion" are one term in search. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** A programme id that stays the same across imports of the same row: economy and name. */
export function programmeKey(iso3: string, programme: string): string {
  const slug = foldText(programme)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `sp-${iso3.toLowerCase()}-${slug || 'x'}-${fnv1a(`${iso3}\u0000${programme.trim()}`)}`;
}

/** FNV-1a, 32 bits, base 36: a short stable tag that tells apart names with the same slug. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
