import type { Issue } from '../../platform/ingest/report.js';
import { ORIGIN_NOTE_EN, type RateColumn } from './agreements.js';
import type { AppliedMfn, Duty, ParsedRate, PreferentialRate, RateCell } from './schema.js';

// Pure readings of a national tariff schedule: the parsed reading of a verbatim rate text, the
// applied MFN rate by the publisher's documented rule, the preferential rates an origin may claim,
// the duty on a value, the edition in force on a date, and the flattening of a chapter file.

const SPECIFIC_UNITS: Record<string, string> = { kg: 'kg', l: 'l', kl: 'kl', '㎡': 'm2', '頭': 'head', '足': 'pair', '本': 'piece', '個': 'piece', '枚': 'sheet', '匹': 'animal' };

const notParsed = (bracketed = false): ParsedRate => ({ kind: 'not_parsed', percent: null, amount: null, currency: null, unit: null, bracketed });

/**
 * The reading of one rate text of Japan's schedule: "無税" free, "12%" ad valorem, "361円/kg" a
 * specific duty in yen per unit, each possibly in brackets. Anything else (alternatives "or
 * whichever is higher", quotas, conditions, marks such as ●, ◎, *) is "not parsed": the verbatim
 * text is the answer. Empty text is no rate (null).
 */
export function parseRate(text: string | null | undefined): ParsedRate | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  const inner = /^[(（]([^()（）]+)[)）]$/.exec(t);
  const body = inner ? inner[1].trim() : t;
  const bracketed = Boolean(inner);
  if (body === '無税') return { kind: 'free', percent: null, amount: null, currency: null, unit: null, bracketed };
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(body);
  if (pct) return { kind: 'ad_valorem', percent: Number(pct[1]), amount: null, currency: null, unit: null, bracketed };
  const spec = /^(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)円\/(.+)$/.exec(body);
  if (spec && SPECIFIC_UNITS[spec[2]]) return { kind: 'specific', percent: null, amount: Number(spec[1].replace(/,/g, '')), currency: 'JPY', unit: SPECIFIC_UNITS[spec[2]], bracketed };
  return notParsed(false);
}

export type Rates = Record<string, string>;

// Marks of Japan's schedule that qualify a rate (footnotes, quota and GSP marks): never read past.
const MARK = /^[*＊※●◎◆]/;

const cellOf = (columns: RateColumn[], rates: Rates, id: string): { col: RateColumn; text: string } | null => {
  const col = columns.find((c) => c.id === id);
  const text = col ? (rates[col.key] ?? '').trim() : '';
  return col && text ? { col, text } : null;
};

/**
 * The MFN rate Japan Customs applies (docs/methodology.md#tariffs): the temporary rate, where
 * there is one, takes precedence over the general rate; the WTO rate applies instead when Japan
 * Customs prints it without brackets (a bracketed WTO rate is one that is not applied because the
 * general or temporary rate is the same or lower). Where the schedule's marks leave it open, the
 * answer is "not determined" with the texts shown, never a pick.
 */
export function applyMfn(columns: RateColumn[], rates: Rates, inherited: Record<string, string> = {}): AppliedMfn {
  const temporary = cellOf(columns, rates, 'temporary');
  const general = cellOf(columns, rates, 'general');
  const national = temporary ?? general;
  const nationalWhy = temporary ? 'the temporary rate takes precedence over the general rate' : 'there is no temporary rate, so the general rate';
  const wto = cellOf(columns, rates, 'wto');
  const pick = (c: { col: RateColumn; text: string }, rule: string): AppliedMfn => ({ column: c.col.id, text: c.text, parsed: parseRate(c.text), rule });
  const undetermined = (rule: string): AppliedMfn => ({ column: null, text: null, parsed: null, rule });
  if (wto && national && inherited[wto.col.key] && !inherited[national.col.key]) {
    return undetermined(`The WTO rate is printed on heading ${inherited[wto.col.key]} and the ${national.col.id} rate on the line itself: the schedule's brackets do not compare them; not determined, read the verbatim texts.`);
  }
  if (wto) {
    if (MARK.test(wto.text)) return undetermined('The WTO rate carries a mark of the schedule (*, ※, ●, ◎, ◆): not determined; read the verbatim texts.');
    if (!/^[(（]/.test(wto.text)) return pick(wto, 'The WTO rate is printed without brackets: it is lower than the general or temporary rate and applies.');
    if (!national) return undetermined('The WTO rate is in brackets (not applied) and the line has no general or temporary rate: not determined; read the verbatim texts.');
    if (MARK.test(national.text) || /^[(（]/.test(national.text)) return undetermined('The WTO rate is in brackets and the national rate carries a mark of the schedule: not determined; read the verbatim texts.');
    return pick(national, `The WTO rate is in brackets (not applied): ${nationalWhy} applies.`);
  }
  if (!national) return undetermined('The line has no general, temporary or WTO rate: not determined.');
  if (MARK.test(national.text) || /^[(（]/.test(national.text)) return undetermined('The national rate carries a mark of the schedule: not determined; read the verbatim texts.');
  return pick(national, `No WTO rate for the line: ${nationalWhy} applies.`);
}

/** Every non-empty column of a line, verbatim and parsed, in the schedule's order. */
export function cellsOf(columns: RateColumn[], rates: Rates): RateCell[] {
  return columns.filter((c) => (rates[c.key] ?? '').trim()).map((c) => ({ column: c.id, text: rates[c.key].trim(), parsed: parseRate(rates[c.key]) }));
}

/** The agreements whose parties include the origin, with the line's text in each (null = no concession listed). */
export function preferentialFor(columns: RateColumn[], rates: Rates, origin: string | null): PreferentialRate[] {
  if (!origin) return [];
  return columns
    .filter((c) => c.kind === 'agreement' && c.parties.includes(origin))
    .map((c) => {
      const text = (rates[c.key] ?? '').trim() || null;
      return { agreement: c.id, name: c.name_en, name_es: c.name_es, text, parsed: parseRate(text), note: ORIGIN_NOTE_EN };
    });
}

/** The lowest claimable preferential rate that is free or ad valorem (comparable), or null. */
export function bestPreferential(prefs: PreferentialRate[]): PreferentialRate | null {
  const level = (p: PreferentialRate) => (p.parsed?.kind === 'free' ? 0 : p.parsed?.kind === 'ad_valorem' && !p.parsed.bracketed ? p.parsed.percent! : null);
  let best: PreferentialRate | null = null;
  for (const p of prefs) {
    const l = level(p);
    if (l === null) continue;
    if (!best || l < level(best)!) best = p;
  }
  return best;
}

export interface FxPair {
  /** Units of the value's currency per US$ (1 for US$); null = no official rate. */
  valueLcuPerUsd: number | null;
  destinationLcuPerUsd: number | null;
  rateYear: number | null;
  missing: string | null;
}

/**
 * Duty on a customs value at a rate: only free and ad valorem rates give an amount (a specific
 * duty needs the quantity); unknown rates give null with the reason, never 0.
 */
export function dutyOf(rate: ParsedRate | null, value: number, fx: FxPair, destinationCurrency: string, basis: Duty['basis'], agreement: string | null): Duty {
  const base = { destinationCurrency, basis, agreement, rateDate: fx.rateYear === null ? null : String(fx.rateYear) };
  const none = (missing: string): Duty => ({ ...base, amount: null, usd: null, missing });
  if (!rate || rate.bracketed) return none('no applied rate Puente can read');
  if (rate.kind === 'specific') return none(`specific duty (${rate.amount} ${rate.currency} per ${rate.unit}): depends on the quantity, not the value`);
  if (rate.kind === 'not_parsed') return none('the rate text is not one Puente reads (see the verbatim text)');
  const pct = rate.kind === 'free' ? 0 : rate.percent!;
  if (fx.valueLcuPerUsd === null || fx.destinationLcuPerUsd === null) return none(fx.missing ?? 'no official exchange rate');
  const usd = ((value / fx.valueLcuPerUsd) * pct) / 100;
  return { ...base, amount: round(usd * fx.destinationLcuPerUsd), usd: round(usd), missing: null };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The edition in force on a date: the latest that applies from that date or earlier (no date: the latest). */
export function editionInForce<E extends { edition: string }>(editions: E[], date?: string | null): E | null {
  const sorted = [...editions].sort((a, b) => b.edition.localeCompare(a.edition));
  if (!date) return sorted[0] ?? null;
  return sorted.find((e) => e.edition <= date) ?? null;
}

/** HS digits of a code as typed (0901.21 -> 090121). */
export const hsDigits = (code: string) => code.replace(/[^0-9]/g, '');

// ---- chapter files -----------------------------------------------------------------------

export interface LineRow {
  chapter: string;
  seq: number;
  code: string;
  hs6: string;
  level: number;
  description: string;
  /** Every column's text as it applies to the line: its own, else the nearest rated heading's above it. */
  rates: Rates;
  /** Columns whose text was printed on a heading above the line: column key -> that heading's code. */
  inherited: Record<string, string>;
  /** A line of the schedule (national digits, or no rated line below it), not a heading. */
  leaf: boolean;
  unit: string | null;
  law: string | null;
}

/**
 * The rated lines of a chapter file (Japan Customs' chapter table as a tree of nodes) in document
 * order, or issues naming the file, the line of the node and the field. `text` is the file's text:
 * the k-th node of the tree is the k-th "stat_code" key in it, which gives each node its line.
 */
export function flattenChapter(data: unknown, text: string, file: string, chapter: string, columns: RateColumn[]): { rows: LineRow[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const rows: LineRow[] = [];
  const lines: number[] = [];
  const re = /"stat_code"\s*:/g;
  let m: RegExpExecArray | null;
  let line = 1;
  let from = 0;
  while ((m = re.exec(text))) {
    for (let i = from; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    from = m.index;
    lines.push(line);
  }
  if (!Array.isArray(data)) return { rows, issues: [{ file, line: 1, field: null, message: 'a tariff chapter file is a JSON array of headings' }] };
  const known = new Set(columns.map((c) => c.key));
  let k = 0;
  // A rate printed on a heading applies to the subdivisions below it that print none of their own
  // (the schedule's layout: the cell spans them), so each line carries its heading's rates.
  const walk = (node: unknown, above: { rates: Rates; from: Record<string, string> }): boolean => {
    const at = lines[k++] ?? 0;
    const issue = (field: string | null, message: string) => issues.push({ file, line: at, field, message });
    const fail = (field: string | null, message: string) => (issue(field, message), false);
    if (!node || typeof node !== 'object' || Array.isArray(node)) return fail(null, 'a node must be an object');
    const n = node as Record<string, unknown>;
    for (const f of ['stat_code', 'hs_code', 'desc'] as const) if (typeof n[f] !== 'string') return fail(f, `${f} must be text`);
    if (!Number.isInteger(n.level)) return fail('level', 'level must be a whole number');
    if (!n.rate || typeof n.rate !== 'object' || Array.isArray(n.rate)) return fail('rate', 'rate must be an object of rate columns');
    if (!Array.isArray(n.children)) return fail('children', 'children must be an array');
    const rates = n.rate as Record<string, unknown>;
    let next = above;
    let row: LineRow | null = null;
    if (Object.keys(rates).length) {
      const stat = n.stat_code as string;
      const hs = n.hs_code as string;
      for (const [key, v] of Object.entries(rates)) {
        if (!known.has(key)) issue(`rate.${key}`, `unknown rate column "${key}" (the columns are data: src/modules/tariffs/agreements.ts)`);
        else if (typeof v !== 'string') issue(`rate.${key}`, 'a rate must be text (empty for none)');
      }
      for (const c of columns) if (!(c.key in rates)) issue(`rate.${c.key}`, `missing rate column "${c.key}"`);
      if (!/^\d{2}\.?\d{2}(\.\d{2})?$/.test(stat) || !stat.startsWith(chapter)) issue('stat_code', `"${stat}" is not an HS code of chapter ${chapter}`);
      if (!/^(\d{3})?$/.test(hs)) issue('hs_code', `"${hs}" is not 3 national digits`);
      const unit = n.unit && typeof n.unit === 'object' ? Object.values(n.unit as Record<string, unknown>).filter((u) => typeof u === 'string' && u).join(' / ') : '';
      const law = Array.isArray(n.law) ? (n.law as unknown[]).filter((x) => typeof x === 'string').join(' ') : '';
      const own = (c: RateColumn) => (typeof rates[c.key] === 'string' ? (rates[c.key] as string).trim() : '');
      const code = hs ? `${stat}.${hs}` : stat;
      const effective: Rates = {};
      const inherited: Record<string, string> = {};
      for (const c of columns) {
        if (own(c)) effective[c.key] = own(c);
        else if (above.rates[c.key]) {
          effective[c.key] = above.rates[c.key];
          inherited[c.key] = above.from[c.key];
        } else effective[c.key] = '';
      }
      const from = Object.fromEntries(columns.map((c) => [c.key, own(c) ? code : above.from[c.key]]));
      next = { rates: effective, from };
      row = {
        chapter,
        seq: rows.length,
        code,
        hs6: hsDigits(stat),
        level: n.level as number,
        description: (n.desc as string).trim(),
        rates: effective,
        inherited,
        leaf: Boolean(hs),
        unit: unit || null,
        law: law || null,
      };
      rows.push(row);
    }
    let ratedBelow = false;
    for (const child of n.children as unknown[]) ratedBelow = walk(child, next) || ratedBelow;
    if (row && !ratedBelow) row.leaf = true;
    return Boolean(row) || ratedBelow;
  };
  for (const node of data) walk(node, { rates: {}, from: {} });
  return { rows, issues };
}
