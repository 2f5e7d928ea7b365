// Assembles an answer: every part reads one module through its index.ts, all parts run at once,
// and a part that fails (a module or a dataset missing) leaves its section saying what is missing.
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { listCountries, listPairs, pairSources } from '../countries/index.js';
import { contactsOf, entrySources } from '../directory/index.js';
import { economyScores, facilitationSources, lowValueChannels, tfNextMeasures } from '../facilitation/index.js';
import { DEFAULT_COMPONENTS, indicatorSources, latestValues, usdRates, getIndicator } from '../indicators/index.js';
import { marketplacesServing } from '../marketplaces/index.js';
import { exportProcessesOf } from '../processes/index.js';
import { sellerRules } from '../regulation/index.js';
import { findProgrammes, programmeSources } from '../support/index.js';
import { tariffAnswer, tariffSources, type AnswerLine } from '../tariffs/index.js';
import {
  amountOf,
  caseChannelMatches,
  categoryFit,
  channelFit,
  channelMatches,
  inForceOn,
  item,
  joinParts,
  programmeFit,
  ruleDifferences,
  shipmentVsThreshold,
  toUsd,
  type PartResult,
  type Rate,
} from './compute.js';
import { HS_SOURCE, productOf } from './hs.js';
import type { Item, Product, Question, QuestionQuery, Section } from './schema.js';

export interface AnswerSettings {
  minCoverage: number;
  bpa: { variability: number; manyActors: number };
  tf: { prereqMin: number; implementedMin: number; peerMin: number };
}

export interface Answer {
  question: Question;
  sections: Section[];
  items: Item[];
  sources: SourceRow[];
  timings_ms: Record<string, number>;
  /** Names of the economies (English), for titles. */
  names: Record<string, string>;
}

/** The cyberlaw areas a seller meets (of the tracker's five). */
const SELLER_AREAS = ['Electronic Transactions', 'Consumer Protection', 'Privacy and Data Protection'];
/** RDTII pillars that matter to a seller: cross-border data, data protection, online sales and transactions (payments). */
const SELLER_PILLARS = [6, 7, 12];
/** Directory roles shown as help at home. */
const HOME_ROLES = ['export_promotion', 'customs', 'postal_operator', 'sme_agency'];

type Part = (db: Kysely<any>) => Promise<{ items: Item[]; sources: SourceRow[]; missing?: string[] }>;

/** Runs one part; its failure is reported in its section, not thrown (no stack, no path). */
async function run(section: PartResult['section'], destination: string | null, part: string, fn: () => ReturnType<Part>, timings: Record<string, number>): Promise<PartResult & { sources: SourceRow[] }> {
  const t0 = performance.now();
  try {
    const r = await fn();
    return { section, destination, part, items: r.items, missing: r.missing, sources: r.sources };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // A table of a module not installed or not migrated: said as such; anything else briefly.
    const failed = /does not exist|no such table|Catalog Error|not found/i.test(msg) ? 'this module\'s data is not available on this server' : 'could not be read on this server';
    return { section, destination, part, items: [], failed, sources: [] };
  } finally {
    timings[`${section}:${part}${destination ? `:${destination}` : ''}`] = Math.round((performance.now() - t0) * 10) / 10;
  }
}

/** The question as parsed, with the product, the date and the shipment in US$. */
export async function resolveQuestion(db: Kysely<any>, q: QuestionQuery, today: string): Promise<{ question: Question; rateSource: string | null }> {
  const date = q.date ?? today;
  const currency = q.currency ?? 'USD';
  const [rate] = await usdRates(db, [{ currency, date }]);
  const value = q.value ?? null;
  const product: Product | null = q.hs ? productOf(q.hs) : null;
  return {
    question: {
      origin: q.origin,
      destinations: q.destination,
      product,
      kind: q.kind ?? 'goods',
      value,
      currency,
      value_usd: toUsd(value, rate),
      rate: { currency, lcu_per_usd: rate.lcuPerUsd, rate_year: rate.rateYear, missing: rate.missing },
      weight_kg: q.weight ?? null,
      channel: q.channel ?? null,
      traits: q.traits ?? [],
      date,
    },
    rateSource: rate.sourceId,
  };
}

export async function assembleAnswer(db: Kysely<any>, q: QuestionQuery, settings: AnswerSettings, today: string): Promise<Answer> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const { question, rateSource } = await resolveQuestion(db, q, today);
  const A = question.origin;
  const dests = question.destinations;
  const shipment = { value: question.value, currency: question.currency, usd: question.value_usd };

  const parts: Promise<PartResult & { sources: SourceRow[] }>[] = [];
  // One read of the rules for every economy of the question (A and all Bs).
  const rules = sellerRules(db, [A, ...dests], question.date);

  for (const B of dests) {
    parts.push(run('buyers', B, 'marketplaces', () => buyersPart(db, B, question), timings));
    parts.push(run('border', B, 'de minimis', () => deMinimisPart(db, B, question, shipment, rules), timings));
    parts.push(run('tariffs', B, 'tariff schedule', () => tariffsPart(db, A, B, question), timings));
    parts.push(run('rules', B, 'rules', () => rulesPart(A, B, rules, settings), timings));
    parts.push(run('both_ways', B, 'distance', () => distancePart(db, A, B), timings));
    parts.push(run('both_ways', B, 'readiness', () => readinessPart(db, B), timings));
  }
  parts.push(run('leaving', null, 'low-value export channels', () => channelsPart(db, A, question), timings));
  parts.push(run('leaving', null, 'trade facilitation', () => facilitationPart(db, A, settings), timings));
  parts.push(run('leaving', null, 'export processes', () => processesPart(db, A, question, settings), timings));
  parts.push(run('help', null, 'support programmes', () => programmesPart(db, A, question), timings));
  parts.push(run('help', null, 'contacts', () => contactsPart(db, A), timings));

  const done = await Promise.all(parts);
  const { sections, items } = joinParts(done, A, dests);
  const sourceList = new Map<string, SourceRow>();
  for (const s of done.flatMap((p) => p.sources)) sourceList.set(s.id, s);
  if (question.product) sourceList.set(HS_SOURCE.id, HS_SOURCE);
  if (rateSource && !sourceList.has(rateSource)) for (const s of await indicatorSources(db, [rateSource])) sourceList.set(s.id, s);
  // Only sources a fact cites (and the code list and the shipment's rate).
  const cited = new Set([...items.map((i) => i.source_id), HS_SOURCE.id, rateSource]);
  const sources = [...sourceList.values()].filter((s) => cited.has(s.id)).sort((a, b) => a.publisher.localeCompare(b.publisher) || a.id.localeCompare(b.id));
  const countries = await listCountries(db);
  const names = Object.fromEntries(countries.map((c) => [c.iso3, c.name_en]));
  timings.total = Math.round((performance.now() - t0) * 10) / 10;
  return { question, sections, items, sources, timings_ms: timings, names };
}

// ---------------------------------------------------------------- Where buyers in B shop

async function buyersPart(db: Kysely<any>, B: string, question: Question): ReturnType<Part> {
  const { marketplaces, top, traffic, trafficSourceIds, sources } = await marketplacesServing(db, B);
  // The traffic's sources: each marketplace's figure cites the one of its kind (synthetic or partner).
  const trafficSource = (synthetic: boolean) => sources.find((s) => trafficSourceIds.includes(s.id) && s.synthetic === synthetic)?.id ?? null;
  const cf = new Map<string, (typeof top)[number]>();
  const crux = new Map<string, (typeof top)[number]>();
  for (const t of top) {
    if (!t.marketplace_id) continue;
    const map = t.list === 'cloudflare' ? cf : crux;
    const have = map.get(t.marketplace_id);
    if (!have || (t.rank ?? t.bucket ?? Infinity) < (have.rank ?? have.bucket ?? Infinity)) map.set(t.marketplace_id, t);
  }
  // Real popularity first: ranked ones by rank, then by CrUX bucket, then the rest by name.
  const ranked = [...marketplaces].sort((a, b) => {
    const ra = cf.get(a.id)?.rank ?? Infinity;
    const rb = cf.get(b.id)?.rank ?? Infinity;
    const ba = crux.get(a.id)?.bucket ?? Infinity;
    const bb = crux.get(b.id)?.bucket ?? Infinity;
    return ra - rb || ba - bb || a.name.localeCompare(b.name);
  });
  const items: Item[] = [];
  for (const m of ranked) {
    const r = cf.get(m.id);
    const c = crux.get(m.id);
    items.push(
      item('buyers', B, 'marketplace', {
        subject: m.name,
        value: r?.rank ?? null,
        unit: r ? 'Cloudflare Radar rank' : null,
        as_of: r?.month ?? null,
        status: categoryFit(m, question.product, question.kind),
        qualifier: m.foreign_sellers ?? 'unknown',
        detail: [m.categories, c?.bucket ? `CrUX top ${c.bucket.toLocaleString('en')}` : null].filter(Boolean).join(' | ') || null,
        url: m.source_urls?.split(';')[0] ?? null,
        source_id: r?.source_id ?? m.source_id,
      }),
    );
    const t = traffic.get(m.id);
    if (t) {
      items.push(item('buyers', B, 'marketplace_visits', { subject: m.name, value: t.visits, unit: 'visits', detail: `${t.months} months`, synthetic: t.synthetic, source_id: trafficSource(t.synthetic) }));
    }
  }
  return { items, sources, missing: traffic.size ? [] : ['partner traffic: not imported (only open popularity lists are shown)'] };
}

// ---------------------------------------------------------------- At B's customs, above the de minimis

/** Lines of the schedule shown in the answer (the tariffs page and API give them all). */
const TARIFF_LINES = 12;

async function tariffsPart(db: Kysely<any>, A: string, B: string, question: Question): Promise<{ items: Item[]; sources: SourceRow[]; missing?: string[] }> {
  if (!question.product) return { items: [], sources: [], missing: ['no product was given (hs): the duty depends on the HS code'] };
  const a = await tariffAnswer(db, { destination: B, origin: A, hs: question.product.code, value: question.value, currency: question.currency, date: question.date, limit: TARIFF_LINES });
  const sources = await tariffSources(db, a);
  const idOf = (url: string | null | undefined) => sources.find((s) => s.url === url)?.id ?? null;
  if (!a.schedule) {
    // Never an empty section or a zero: where to look instead.
    const link = a.officialLink;
    const items = link || a.agency ? [item('tariffs', B, 'tariff_schedule', { subject: a.agency?.name ?? null, status: a.reason, url: link?.url ?? a.agency?.url ?? null, detail: link?.note ?? null, source_id: idOf(link?.url) })] : [];
    return { items, sources, missing: [a.message ?? 'no tariff schedule'] };
  }
  const src = idOf(a.schedule.url) ?? sources[0]?.id ?? null;
  const common = { as_of: a.schedule.edition, url: a.schedule.url, source_id: src };
  const reading = (parsed: AnswerLine['mfn']['parsed'], text: string | null) =>
    parsed?.kind === 'ad_valorem' ? { value: parsed.percent, unit: '%' } : parsed?.kind === 'free' ? { value: 0, unit: '%' } : parsed?.kind === 'specific' ? { value: parsed.amount, unit: `${parsed.currency ?? ''}/${parsed.unit ?? ''}` } : { value: text, unit: null };
  const items: Item[] = [];
  for (const l of a.lines) {
    const subject = `${l.code} ${l.description ?? l.description_local}`;
    items.push(item('tariffs', B, 'tariff_mfn', { subject, ...reading(l.mfn.parsed, l.mfn.text), status: l.mfn.column ? (l.mfn.parsed?.kind ?? 'not_parsed') : 'not_determined', qualifier: l.mfn.column, detail: l.mfn.text, ...common }));
    for (const p of l.preferential) {
      if (p.text == null) continue;
      items.push(item('tariffs', B, 'tariff_preferential', { subject, ...reading(p.parsed, p.text), status: p.parsed?.kind ?? 'not_parsed', qualifier: p.agreement, detail: `${p.name}: ${p.text}. ${p.note}`, ...common }));
    }
    for (const d of [l.duty, l.duty_preferential]) {
      if (!d) continue;
      items.push(item('tariffs', B, 'tariff_duty', { subject, value: d.amount, unit: d.destinationCurrency, value_usd: d.usd, status: d.basis, qualifier: d.agreement, detail: d.missing, as_of: d.rateDate, url: a.schedule.url, source_id: src }));
    }
  }
  const missing = [...(a.lines.length ? [] : [a.message ?? 'no line under this code']), ...(a.truncated ? [`more than ${TARIFF_LINES} lines under HS ${question.product.code}: the tariffs page lists them all`] : [])];
  return { items, sources, missing };
}

// ---------------------------------------------------------------- At B's border

async function deMinimisPart(
  db: Kysely<any>,
  B: string,
  question: Question,
  shipment: { value: number | null; currency: string; usd: number | null },
  rulesP: ReturnType<typeof sellerRules>,
): ReturnType<Part> {
  const rules = await rulesP;
  const rows = rules.deMinimis.filter((d) => d.iso3 === B);
  const currencies = [...new Set(rows.map((r) => r.currency).filter((c): c is string => !!c))];
  const rates = await usdRates(db, currencies.map((currency) => ({ currency, date: question.date })));
  const rateOf = new Map<string, Rate>(rates.map((r) => [r.currency, r]));
  const items: Item[] = [];
  const missing: string[] = [];
  for (const r of rows) {
    const status = inForceOn(r.effective_from, question.date);
    if (status === 'expired') continue;
    const amount = r.amount_value ?? amountOf(r.amount);
    const rate = r.currency ? rateOf.get(r.currency) : undefined;
    const usd = toUsd(amount, rate);
    if (amount !== null && usd === null && rate?.missing) missing.push(rate.missing);
    items.push(
      item('border', B, status === 'planned' ? 'de_minimis_planned' : 'de_minimis', {
        subject: r.channel,
        value: amount ?? r.amount,
        unit: r.currency,
        value_usd: usd === null ? null : Math.round(usd * 100) / 100,
        status: status === 'planned' ? 'planned' : shipmentVsThreshold(shipment, { amount, currency: r.currency, usd }),
        qualifier: r.kind,
        // The source's words only (basis, effective date); the rate is its own fact (fx_rate).
        detail: [r.basis, r.effective_from].filter(Boolean).join(' | ') || null,
        url: r.source_url,
        as_of: r.source_date,
        source_id: r.source_id,
      }),
    );
  }
  const rateIds = rates.map((r) => r.sourceId).filter((x): x is string => !!x);
  const sources = [...rules.sources, ...(await indicatorSources(db, rateIds))];
  // The rate's source is cited by the items through their detail; list it with them.
  if (rateIds.length) items.push(...rates.filter((r) => r.sourceId).map((r) => item('border', B, 'fx_rate', { subject: r.currency, value: r.lcuPerUsd, unit: `${r.currency} per US$`, as_of: r.rateYear ? String(r.rateYear) : null, source_id: r.sourceId })));
  return { items, sources, missing: rows.length ? missing : [`no de minimis threshold recorded for ${B} (regulation/de_minimis.csv)`] };
}

async function rulesPart(A: string, B: string, rulesP: ReturnType<typeof sellerRules>, settings: AnswerSettings): ReturnType<Part> {
  const rules = await rulesP;
  const items: Item[] = [];
  const missing: string[] = [];
  const areaA = rules.cyberlaw.filter((c) => c.iso3 === A && SELLER_AREAS.includes(c.area));
  const areaB = rules.cyberlaw.filter((c) => c.iso3 === B && SELLER_AREAS.includes(c.area));
  for (const d of areaB.length ? ruleDifferences(areaA, areaB) : []) {
    const src = areaB.find((x) => x.area === d.area)?.source_id ?? areaA.find((x) => x.area === d.area)?.source_id ?? null;
    items.push(item('rules', B, 'cyberlaw', { subject: d.area, value: d.b, status: d.status, qualifier: d.a, detail: null, source_id: src }));
  }
  if (!areaB.length) missing.push(`no Cyberlaw Tracker status for ${B}`);
  for (const p of SELLER_PILLARS) {
    const pb = rules.pillars[B]?.find((x) => x.pillar === p);
    const pa = rules.pillars[A]?.find((x) => x.pillar === p);
    if (!pb || pb.known === 0) {
      missing.push(`no RDTII measure recorded for ${B} in pillar ${p}`);
      continue;
    }
    const enough = pb.coverage >= settings.minCoverage;
    items.push(
      item('rules', B, 'pillar', {
        subject: pb.name,
        value: enough && pb.score !== null ? Math.round(pb.score * 1000) / 1000 : null,
        unit: 'RDTII score (0 open .. 1 restrictive)',
        status: enough ? (pb.score === null ? 'unknown' : 'scored') : 'not_enough_data',
        qualifier: pa && pa.coverage >= settings.minCoverage && pa.score !== null ? String(Math.round(pa.score * 1000) / 1000) : null,
        detail: `coverage ${Math.round(pb.coverage * 100)}% of the pillar (gate ${Math.round(settings.minCoverage * 100)}%); ${pb.known}/${pb.total} indicators known`,
        source_id: null,
      }),
    );
  }
  return { items, sources: rules.sources, missing };
}

// ---------------------------------------------------------------- Both ways

async function distancePart(db: Kysely<any>, A: string, B: string): ReturnType<Part> {
  const pairs = await listPairs(db, A);
  const p = pairs.find((x) => x.iso3_d === B);
  if (!p) return { items: [], sources: [], missing: [`no GeoDist distance for ${A}-${B} (pairs/geodist_fealac_pairs.csv covers FEALAC pairs)`] };
  const sources = (await pairSources(db, A)) as SourceRow[];
  const src = sources[0]?.id ?? null;
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    items: [
      item('both_ways', B, 'distance', { subject: 'dist', value: n(p.dist_km), unit: 'km', detail: 'between the most populated cities (CEPII GeoDist)', source_id: src }),
      item('both_ways', B, 'distance_weighted', { subject: 'distw', value: n(p.distw_km), unit: 'km', source_id: src }),
      item('both_ways', B, 'common_language', { subject: 'comlang_off', value: n(p.comlang_off), status: n(p.comlang_off) === 1 ? 'yes' : n(p.comlang_off) === 0 ? 'no' : 'unknown', source_id: src }),
    ],
    sources,
  };
}

async function readinessPart(db: Kysely<any>, B: string): ReturnType<Part> {
  const items: Item[] = [];
  const ids: string[] = [];
  const missing: string[] = [];
  const rows = await Promise.all(DEFAULT_COMPONENTS.map(async (c) => ({ c, v: (await latestValues(db, c.code, { countries: [B] }))[0], meta: await getIndicator(db, c.code) })));
  for (const { c, v, meta } of rows) {
    const value = v?.value === null || v?.value === undefined ? null : Number(v.value);
    if (value === null) missing.push(`${c.code}: no value for ${B}`);
    if (v?.source_id) ids.push(String(v.source_id));
    items.push(item('both_ways', B, 'indicator', { subject: meta?.name ?? c.code, value, unit: meta?.unit ?? null, detail: c.code, as_of: v?.year ? String(v.year) : null, source_id: (v?.source_id as string | null) ?? null }));
  }
  return { items: items.some((i) => i.value !== null) ? items : [], sources: await indicatorSources(db, ids), missing };
}

// ---------------------------------------------------------------- Leaving A

async function channelsPart(db: Kysely<any>, A: string, question: Question): ReturnType<Part> {
  const { channels, sources } = await lowValueChannels(db, A);
  const items = channels
    .filter((c) => channelMatches(c.channel, question.channel))
    .map((c) =>
      item('leaving', null, 'export_channel', {
        subject: c.channel,
        value: c.value,
        unit: c.unit,
        status: channelFit(c, { usd: question.value_usd, weightKg: question.weight_kg }),
        qualifier: c.parameter,
        detail: [c.note, c.legal_basis].filter(Boolean).join(' | ') || null,
        source_id: c.source_id,
      }),
    );
  return { items, sources, missing: channels.length ? [] : [`no low-value export channel recorded for ${A}`] };
}

async function facilitationPart(db: Kysely<any>, A: string, settings: AnswerSettings): ReturnType<Part> {
  const [scores, next] = await Promise.all([economyScores(db, A), tfNextMeasures(db, A, settings.tf)]);
  const overall = scores.filter((s) => s.group === 'overall').sort((a, b) => b.round - a.round)[0];
  const items: Item[] = [];
  if (overall) {
    items.push(item('leaving', null, 'tf_score', { subject: 'overall', value: overall.score_pct, unit: '%', status: overall.basis, qualifier: overall.secondary ? 'secondary' : null, as_of: String(overall.round), source_id: overall.source_id }));
  }
  for (const n of next.slice(0, 3)) items.push(item('leaving', null, 'tf_next', { subject: n.measure_name, value: n.rank, status: n.stage, detail: n.why }));
  return { items, sources: await facilitationSources(db, [overall?.source_id]), missing: overall ? [] : [`no UN trade facilitation survey score for ${A}`] };
}

async function processesPart(db: Kysely<any>, A: string, question: Question, settings: AnswerSettings): ReturnType<Part> {
  const { cases, benchmarks, sources } = await exportProcessesOf(db, A, settings.bpa);
  const items: Item[] = [];
  for (const c of cases.filter((x) => caseChannelMatches(x.doc.channel, question.channel))) {
    items.push(
      item('leaving', null, 'bpa_case', {
        subject: c.doc.title,
        value: c.analysis.elapsedDays,
        unit: 'days',
        value_usd: c.analysis.costUsd,
        status: c.doc.label,
        qualifier: c.doc.channel,
        detail: c.analysis.incomplete.length ? c.analysis.incomplete.map((i) => `${i.total}: ${i.reason}`).join(' | ') : null,
        url: `/processes/${encodeURIComponent(c.doc.id)}`,
        synthetic: c.doc.label === 'SYNTHETIC',
      }),
    );
  }
  const latest = Math.max(...benchmarks.filter((b) => b.value !== null).map((b) => b.year));
  for (const b of benchmarks.filter((x) => x.year === latest && /export/i.test(x.series))) {
    items.push(item('leaving', null, 'doing_business', { subject: b.series, value: b.value, unit: /hours/i.test(b.series) ? 'hours' : 'score 0-100', as_of: String(b.year), source_id: b.source_id }));
  }
  const missing = [];
  if (!cases.length) missing.push(`no business-process case for ${A}`);
  if (!benchmarks.length) missing.push(`no Doing Business export time for ${A}`);
  return { items, sources, missing };
}

// ---------------------------------------------------------------- Help at home

async function programmesPart(db: Kysely<any>, A: string, question: Question): ReturnType<Part> {
  const programmes = await findProgrammes(db, { economies: [A] });
  const fits = programmes
    .map((p) => ({ p, fit: programmeFit(p.targets, question.traits) }))
    .filter((x) => x.fit !== null && (['yes', 'partial'].includes(x.p.cross_border ?? '') || ['yes', 'partial'].includes(x.p.ecommerce_focus ?? '')))
    .sort((a, b) => (a.fit === b.fit ? a.p.programme.localeCompare(b.p.programme) : a.fit === 'trait' ? -1 : 1));
  const items = fits.map(({ p, fit }) =>
    item('help', null, 'programme', {
      subject: p.programme,
      value: p.agency,
      status: fit,
      qualifier: p.targets.join(' ') || null,
      detail: [p.programme_en, p.description].filter(Boolean).join(' | ') || null,
      url: p.url ?? p.source_url,
      as_of: p.as_of,
      source_id: p.source_id,
    }),
  );
  return { items, sources: await programmeSources(db, fits.map((f) => f.p.source_id)), missing: programmes.length ? [] : [`no support programme recorded for ${A}`] };
}

async function contactsPart(db: Kysely<any>, A: string): ReturnType<Part> {
  const entries = await contactsOf(db, A, HOME_ROLES);
  const order = (r: string) => HOME_ROLES.indexOf(r);
  const items = [...entries]
    .sort((a, b) => order(a.role) - order(b.role))
    .map((e) =>
      item('help', null, 'contact', {
        subject: e.name_local,
        value: e.name_en,
        status: e.role,
        qualifier: e.change_kind,
        detail: e.change_note,
        url: e.official_url,
        as_of: e.as_of,
        source_id: e.source_id,
      }),
    );
  const have = new Set(entries.map((e) => e.role));
  return {
    items,
    sources: await entrySources(db, entries.map((e) => e.source_id)),
    missing: HOME_ROLES.filter((r) => !have.has(r)).map((r) => `no ${r.replace(/_/g, ' ')} in the directory for ${A}`),
  };
}
