// The export assistant's pure parts: which thresholds are in force on a date, money to US$ with
// a dated rate, the shipment against a threshold or a channel's cap, the product against a
// marketplace's categories, programmes against the firm's traits, and the join of the parts into
// ordered sections that say what is missing. No I/O.
import hsMarketplaceMap from './codelists/hs-marketplace-categories.json' with { type: 'json' };
import { PER_DESTINATION, SECTION_IDS, type Channel, type Item, type Section, type SectionId, type Trait } from './schema.js';

// ---------------------------------------------------------------- dates and thresholds

export interface Effective {
  /** First day in force (ISO date); null when the source gives none ("long-standing"). */
  from: string | null;
  /** Last day in force, when the source says "until". */
  until: string | null;
  planned: boolean;
}

const ISO_DATE = /(\d{4})-(\d{2})-(\d{2})/;
const ISO_MONTH = /(\d{4})-(\d{2})(?!-\d)/;

/** Reads an effective_from text: "2019-12-01", "2010-10-01 (until 2019-11-30)", "2028-04-01 (planned)", "long-standing". */
export function parseEffective(text: string | null | undefined): Effective {
  const t = text ?? '';
  const untilMatch = /until\s+(\d{4}-\d{2}-\d{2})/i.exec(t);
  const head = untilMatch ? t.slice(0, untilMatch.index) : t;
  const d = ISO_DATE.exec(head);
  const m = d ? null : ISO_MONTH.exec(head);
  const y = d || m ? null : /\b(19|20)\d{2}\b/.exec(head);
  const from = d ? d[0] : m ? `${m[1]}-${m[2]}-01` : y ? `${y[0]}-01-01` : null;
  return { from, until: untilMatch ? untilMatch[1] : null, planned: /planned|proposed|from .* onwards \(not yet/i.test(t) };
}

export type InForce = 'in_force' | 'planned' | 'expired';

/** Whether a rule with this effective text is in force on `date` (planned ones are in force once their date has come). */
export function inForceOn(text: string | null | undefined, date: string): InForce {
  const e = parseEffective(text);
  if (e.until && e.until < date) return 'expired';
  if (e.from && e.from > date) return 'planned';
  if (e.planned && !e.from) return 'planned';
  return 'in_force';
}

// ---------------------------------------------------------------- money

export interface Rate {
  currency: string;
  /** Local currency units per US$; null when none is known. */
  lcuPerUsd: number | null;
  rateYear: number | null;
  missing: string | null;
}

/** An amount in US$ with the rate; null when the amount or the rate is unknown (never a guess). */
export function toUsd(amount: number | null, rate: Rate | undefined): number | null {
  if (amount === null || !rate || rate.lcuPerUsd === null || !(rate.lcuPerUsd > 0)) return null;
  return amount / rate.lcuPerUsd;
}

/** The first number of an amount text ("10000", "1,000", "60 (revenue payable)", "none (planned)" -> null). */
export function amountOf(text: string | null | undefined): number | null {
  const m = /^\s*(\d[\d,]*(\.\d+)?)/.exec(text ?? '');
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

export type Position = 'under' | 'over' | 'unknown';

/**
 * The shipment against a threshold at or under which nothing is collected: compared in the
 * threshold's own currency when the shipment is in it, else in US$ at the two dated rates.
 */
export function shipmentVsThreshold(
  shipment: { value: number | null; currency: string; usd: number | null },
  threshold: { amount: number | null; currency: string | null; usd: number | null },
): Position {
  if (shipment.value === null || threshold.amount === null) return 'unknown';
  if (threshold.currency && threshold.currency === shipment.currency) return shipment.value <= threshold.amount ? 'under' : 'over';
  if (shipment.usd === null || threshold.usd === null) return 'unknown';
  return shipment.usd <= threshold.usd ? 'under' : 'over';
}

/** A channel's cap ("max value", "up to", in US$ or kg) against the shipment: fits | exceeds | null (not a cap, or unknown). */
export function channelFit(row: { parameter: string; value: number | null; unit: string | null }, shipment: { usd: number | null; weightKg: number | null }): 'fits' | 'exceeds' | null {
  if (row.value === null || !/max|up to|limit|cap/i.test(row.parameter)) return null;
  const unit = (row.unit ?? '').toLowerCase();
  const have = unit === 'usd' ? shipment.usd : unit === 'kg' ? shipment.weightKg : null;
  if (have === null) return null;
  return have <= row.value ? 'fits' : 'exceeds';
}

/** Which channels of a source row a question's channel is about (postal, courier; the others see all). */
export function channelMatches(channelText: string, channel: Channel | null): boolean {
  if (channel === 'postal') return /post|exporta f|correo|serpost/i.test(channelText);
  if (channel === 'courier') return /courier|express|puerta/i.test(channelText);
  return true;
}

/** BPA case channels (processes schema) that a question's channel is about. */
export function caseChannelMatches(caseChannel: string | null, channel: Channel | null): boolean {
  if (!channel || !caseChannel || caseChannel === 'ANY') return true;
  if (channel === 'postal') return caseChannel === 'POSTAL';
  if (channel === 'courier') return caseChannel === 'EXPRESS_COURIER';
  return ['EXPRESS_COURIER', 'POSTAL', 'PLATFORM_FULFILMENT', 'OVERSEAS_WAREHOUSE'].includes(caseChannel);
}

// ---------------------------------------------------------------- product and marketplaces

const MAP = hsMarketplaceMap as { version: string; general: string[]; not_goods: string[]; sections: Record<string, string[]> };
export const HS_MARKETPLACE_MAP_VERSION = MAP.version;

export type Fit = 'category' | 'general' | 'no' | 'unknown';

/**
 * Whether a marketplace's categories fit a product (versioned mapping HS section -> category
 * words, codelists/hs-marketplace-categories.json): `category` (a category for it), `general`
 * (general merchandise), `no` (only other kinds: food delivery, rides, jobs...), `unknown`.
 */
export function categoryFit(m: { categories: string | null; goods_or_services: string | null }, product: { section: string } | null, kind: 'goods' | 'services'): Fit {
  const cats = (m.categories ?? '').toLowerCase();
  const gs = (m.goods_or_services ?? '').toLowerCase();
  if (kind === 'services') return gs === 'services' || gs === 'both' ? 'category' : gs === 'goods' ? 'no' : 'unknown';
  if (gs === 'services') return 'no';
  if (!cats.trim()) return 'unknown';
  if (product) {
    const words = MAP.sections[product.section] ?? [];
    if (words.some((w) => cats.includes(w))) return 'category';
  }
  if (MAP.general.some((w) => cats.includes(w))) return 'general';
  if (!product) return 'unknown';
  return 'no';
}

// ---------------------------------------------------------------- support

/** Support vocabulary targets each trait matches. */
export const TRAIT_TARGETS: Record<Trait, string[]> = {
  women_led: ['women'],
  first_time: ['first_time_exporters'],
  rural: ['rural_indigenous'],
};
/** Targets open to any MSME exporter (a programme for them fits every firm). */
const OPEN_TARGETS = ['msmes', 'exporters', 'digital_exporters'];

/**
 * Whether a programme fits the firm: `trait` (it targets one of the firm's traits), `general`
 * (it targets MSMEs or exporters at large, or nothing stated), null (it targets others only).
 */
export function programmeFit(targets: string[], traits: Trait[]): 'trait' | 'general' | null {
  const wanted = traits.flatMap((t) => TRAIT_TARGETS[t]);
  if (targets.some((t) => wanted.includes(t))) return 'trait';
  if (!targets.length || targets.some((t) => OPEN_TARGETS.includes(t))) return 'general';
  return null;
}

// ---------------------------------------------------------------- rules

/** Cyberlaw areas where A's and B's statuses differ (unknown on either side is not a difference, it is unknown). */
export function ruleDifferences(a: { area: string; status: string }[], b: { area: string; status: string }[]): { area: string; a: string | null; b: string | null; status: 'same' | 'differs' | 'unknown' }[] {
  const areas = [...new Set([...a, ...b].map((x) => x.area))].sort();
  const known = (s: string | null) => s !== null && !/no data/i.test(s);
  return areas.map((area) => {
    const x = a.find((r) => r.area === area)?.status ?? null;
    const y = b.find((r) => r.area === area)?.status ?? null;
    return { area, a: x, b: y, status: !known(x) || !known(y) ? 'unknown' : x === y ? 'same' : 'differs' };
  });
}

// ---------------------------------------------------------------- the join

/** What one part of the answer gave: its facts, or why it gave none. */
export interface PartResult {
  section: SectionId;
  destination: string | null;
  /** Short name of the part, for what is missing ("marketplaces", "de minimis"...). */
  part: string;
  items: Item[];
  /** Set when the part could not be read (module or dataset missing, error). */
  failed?: string;
  /** What the part knows it lacks although it answered. */
  missing?: string[];
}

/**
 * The answer's sections in order (per destination for the destination's sections), each with a
 * status and what is missing; the items in the same order. A part that failed leaves its section
 * saying so, never an error for the whole answer.
 */
export function joinParts(parts: PartResult[], origin: string, destinations: string[]): { sections: Section[]; items: Item[] } {
  const sections: Section[] = [];
  const items: Item[] = [];
  const order: { id: SectionId; destination: string | null }[] = [];
  for (const d of destinations) for (const id of SECTION_IDS) if (PER_DESTINATION.includes(id)) order.push({ id, destination: d });
  for (const id of SECTION_IDS) if (!PER_DESTINATION.includes(id)) order.push({ id, destination: null });
  // Destination sections first by destination, then the origin's (leaving, help), as a brief reads.
  for (const o of order) {
    const mine = parts.filter((p) => p.section === o.id && p.destination === o.destination);
    const found = mine.flatMap((p) => p.items);
    const missing = [
      ...mine.filter((p) => p.failed).map((p) => `${p.part}: ${p.failed}`),
      ...mine.filter((p) => !p.failed && !p.items.length).map((p) => `${p.part}: ${p.missing?.[0] ?? `nothing recorded for ${p.destination ?? origin}`}`),
      ...mine.filter((p) => !p.failed && p.items.length).flatMap((p) => (p.missing ?? []).map((m) => `${p.part}: ${m}`)),
    ];
    const status: Section['status'] = !found.length ? 'missing' : missing.length ? 'partial' : 'answered';
    sections.push({ id: o.id, destination: o.destination, status, missing, items: found.length });
    items.push(...found);
  }
  return { sections, items };
}

/** A fact with the defaults filled in. */
export function item(section: SectionId, destination: string | null, key: string, fields: Partial<Omit<Item, 'section' | 'destination' | 'key'>>): Item {
  return {
    section,
    destination,
    key,
    subject: null,
    value: null,
    unit: null,
    value_usd: null,
    status: null,
    qualifier: null,
    detail: null,
    url: null,
    as_of: null,
    source_id: null,
    synthetic: false,
    ...fields,
  };
}

/** Percentiles of a list of numbers (nearest rank), for the bench. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
