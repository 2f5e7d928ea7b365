// Gathers a country brief from the other modules, each through its index.ts (their SQL stays
// theirs). All parts run at once; a part that cannot be read (a module absent from this server)
// is listed in `unavailable` and its block stays empty ("no data"), never zero.
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { listCountries, type Country } from '../countries/index.js';
import { contactsOf, entrySources } from '../directory/index.js';
import { latestVsFealac } from '../facilitation/index.js';
import { economyReadiness, indicatorSources, indicatorVsFealac } from '../indicators/index.js';
import { marketplacesServing } from '../marketplaces/index.js';
import { digitalStriOf, sellerRules } from '../regulation/index.js';
import { findProgrammes, loadVocabulary, programmeSources } from '../support/index.js';
import { schedulesOf } from '../tariffs/index.js';
import type { Brief } from './schema.js';

/** Key indicators shown against the FEALAC median (the readiness components and the economy's size). */
export const KEY_INDICATORS = ['IT.NET.USER.ZS', 'FINDEX.account_t_d', 'FINDEX.fin26b', 'IT.NET.SECR.P6', 'LP.LPI.OVRL.XQ', 'NY.GDP.PCAP.CD'];
/** Directory roles a brief lists (as the export assistant's help at home). */
export const CONTACT_ROLES = ['export_promotion', 'customs', 'sme_agency', 'postal_operator'];
const TOP_SITES = 8;
const PROGRAMMES = 5;
const TRAFFIC = 5;

export interface BriefSettings {
  medianMin: number;
  tfAverageMin: number;
  striMedianMin: number;
  minCoverage: number;
}

async function part<T>(name: string, unavailable: string[], empty: T, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch {
    // No stack and no path in an answer: the block says it could not be read.
    unavailable.push(name);
    return empty;
  }
}

const noSources: SourceRow[] = [];

export async function gatherBrief(db: Kysely<any>, country: Country, settings: BriefSettings, today: string): Promise<Brief> {
  const iso3 = country.iso3;
  const unavailable: string[] = [];
  const [indicators, marketplaces, regulation, facilitation, support, contacts, tariffs] = await Promise.all([
    part('indicators', unavailable, { key: [], readiness: { year: null, window: 0, score: null, rank: null, n: 0, median: null, reason: null, components: [] }, sources: noSources }, async () => {
      const key = (await Promise.all(KEY_INDICATORS.map((c) => indicatorVsFealac(db, iso3, c, settings.medianMin)))).filter((k): k is NonNullable<typeof k> => !!k);
      const { sources: rSources, ...readiness } = await economyReadiness(db, iso3, settings.medianMin);
      const keySources = await indicatorSources(db, key.map((k) => k.source_id));
      return { key, readiness, sources: uniqueSources([...keySources, ...rSources]) };
    }),
    part('marketplaces', unavailable, { top: [], registry: 0, traffic: [], traffic_synthetic: false, sources: noSources }, async () => {
      const m = await marketplacesServing(db, iso3);
      const latest = (list: string) => m.top.filter((t) => t.list === list).reduce((a, t) => (t.month > a ? t.month : a), '');
      const cf = m.top.filter((t) => t.list === 'cloudflare' && t.month === latest('cloudflare') && t.rank !== null).sort((a, b) => a.rank! - b.rank!);
      const crux = m.top.filter((t) => t.list !== 'cloudflare' && t.month === latest(t.list) && t.bucket !== null).sort((a, b) => a.bucket! - b.bucket! || a.domain.localeCompare(b.domain));
      const top = [...cf, ...crux].slice(0, TOP_SITES).map((t) => ({ list: t.list, domain: t.domain, marketplace: t.marketplace_name, rank: t.rank, bucket: t.bucket, month: t.month, source_id: t.source_id }));
      const nameOf = new Map(m.marketplaces.map((r) => [r.id, r.name]));
      const traffic = [...m.traffic.entries()]
        .map(([id, t]) => ({ marketplace: nameOf.get(id) ?? id, visits: t.visits, months: t.months, synthetic: t.synthetic }))
        .sort((a, b) => b.visits - a.visits)
        .slice(0, TRAFFIC);
      const used = new Set([...top.map((t) => t.source_id), ...m.trafficSourceIds]);
      return { top, registry: m.marketplaces.length, traffic, traffic_synthetic: traffic.some((t) => t.synthetic), sources: m.sources.filter((s) => used.has(s.id)) };
    }),
    part('regulation', unavailable, { framework: null, min_coverage: settings.minCoverage, pillars: [], stri: { loaded: false, covered: false, year: null, stri: null, rank: null, median: null, n: 0 }, sources: noSources }, async () => {
      const [rules, stri] = await Promise.all([sellerRules(db, [iso3], today), digitalStriOf(db, iso3, settings.striMedianMin)]);
      const pillars = (rules.pillars[iso3] ?? [])
        .map((p) => ({ pillar: p.pillar, name: p.name, score: p.known > 0 && p.coverage >= settings.minCoverage && p.score !== null ? Math.round(p.score * 1000) / 1000 : null, coverage: Math.round(p.coverage * 1000) / 1000, known: p.known, total: p.total }))
        .sort((a, b) => a.pillar - b.pillar);
      // sellerRules' sources also name the de minimis and Cyberlaw Tracker records it read beside the pillars.
      const kept = new Set(rules.cyberlaw.map((c) => c.source_id));
      const deMinimisOnly = new Set(rules.deMinimis.map((d) => d.source_id).filter((id): id is string => !!id && !kept.has(id)));
      return {
        framework: rules.framework,
        min_coverage: settings.minCoverage,
        pillars,
        stri: { loaded: stri.loaded, covered: stri.covered, year: stri.year, stri: stri.stri, rank: stri.rank, median: stri.median?.median ?? null, n: stri.median?.n ?? 0 },
        // De minimis thresholds are not part of the brief: their sources are left out.
        sources: uniqueSources([...rules.sources.filter((s) => !deMinimisOnly.has(s.id)), ...stri.sources]),
      };
    }),
    part('facilitation', unavailable, { round: null, score: null, secondary: false, fealac: null, fealac_n: 0, sources: noSources }, async () => {
      const { min_n: _m, ...tf } = await latestVsFealac(db, iso3, settings.tfAverageMin);
      return tf;
    }),
    part('support', unavailable, { count: 0, by_area: [], programmes: [], sources: noSources }, async () => {
      const programmes = await findProgrammes(db, { economies: [iso3] });
      const { vocab } = loadVocabulary();
      const by_area = vocab.areas.map((a) => ({ area: a.code, label: a.en, count: programmes.filter((p) => p.areas.includes(a.code)).length })).filter((a) => a.count > 0);
      // Cross-border and e-commerce programmes first, then by name.
      const weight = (p: (typeof programmes)[number]) => (['yes', 'partial'].includes(p.cross_border ?? '') ? 0 : 1) + (['yes', 'partial'].includes(p.ecommerce_focus ?? '') ? 0 : 1);
      const shown = [...programmes].sort((a, b) => weight(a) - weight(b) || a.programme.localeCompare(b.programme)).slice(0, PROGRAMMES);
      return {
        count: programmes.length,
        by_area,
        programmes: shown.map((p) => ({ programme: p.programme, programme_en: p.programme_en, agency: p.agency, url: p.url ?? p.source_url, as_of: p.as_of })),
        sources: await programmeSources(db, programmes.map((p) => p.source_id)),
      };
    }),
    part('directory', unavailable, { entries: [], missing_roles: CONTACT_ROLES, sources: noSources }, async () => {
      const entries = await contactsOf(db, iso3, CONTACT_ROLES);
      const have = new Set(entries.map((e) => e.role));
      return {
        entries: entries.map((e) => ({ role: e.role, name_local: e.name_local, name_en: e.name_en, url: e.official_url, as_of: e.as_of, change: e.change_kind ? [e.change_kind, e.change_year].filter(Boolean).join(' ') : null })),
        missing_roles: CONTACT_ROLES.filter((r) => !have.has(r)),
        sources: await entrySources(db, entries.map((e) => e.source_id)),
      };
    }),
    part('tariffs', unavailable, { editions: [], links: [], sources: noSources }, async () => {
      const s = await schedulesOf(db, iso3);
      return { editions: s.editions.map((e) => ({ edition: e.edition, publisher: e.publisher, url: e.url, lines: e.lines })), links: s.links.map((l) => ({ kind: l.kind, url: l.url, note: l.note })), sources: s.sources };
    }),
  ]);
  const names: Record<string, string> = { en: country.name_en };
  for (const l of ['es', 'pt', 'zh', 'ja', 'ko'] as const) names[l] = (country as Record<string, unknown>)[`name_${l}`] as string | null ?? country.name_en;
  return {
    iso3,
    name: country.name_en,
    names,
    region: country.fealac_region ?? null,
    made: today,
    // The one block that can show synthetic figures is the marketplaces' partner traffic.
    synthetic: marketplaces.traffic_synthetic,
    indicators,
    marketplaces,
    regulation,
    facilitation,
    support,
    contacts,
    tariffs,
    unavailable: unavailable.sort(),
  };
}

function uniqueSources(list: SourceRow[]): SourceRow[] {
  const by = new Map(list.map((s) => [s.id, s]));
  return [...by.values()].sort((a, b) => a.publisher.localeCompare(b.publisher) || a.id.localeCompare(b.id));
}

export async function countryOf(db: Kysely<any>, iso3: string): Promise<Country | undefined> {
  return (await listCountries(db, { countries: [iso3] }))[0];
}
