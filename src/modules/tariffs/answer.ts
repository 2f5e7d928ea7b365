import type { Kysely } from 'kysely';
import { listCountries } from '../countries/index.js';
import { contactsOf } from '../directory/index.js';
import { ECONOMY_CURRENCY, usdRates } from '../indicators/index.js';
import { COLUMNS_BY_DESTINATION } from './agreements.js';
import { applyMfn, bestPreferential, cellsOf, dutyOf, editionInForce, hsDigits, preferentialFor, type FxPair } from './compute.js';
import type { AnswerLine, TariffAnswer } from './schema.js';
import type { SourceRow } from '../../platform/http/api.js';
import { hsDescriptions, linesUnder, linksOf, listEditions, sourcesOf } from './store.js';

export interface TariffQuestion {
  destination: string;
  origin?: string | null;
  /** HS heading, subheading or national line (0901, 0901.21, 0901.21.000). */
  hs: string;
  /** Customs value of the typical shipment, for the duty. */
  value?: number | null;
  /** Currency of `value` (default US$). */
  currency?: string | null;
  /** The edition in force on this date (YYYY-MM-DD; default the latest edition). */
  date?: string | null;
  /** Most lines returned (default 100); `truncated` says when more matched. */
  limit?: number;
}

/**
 * What the destination's customs charges on the product from the origin: the schedule's edition
 * in force, the lines under the HS code with the applied MFN rate and the origin's preferential
 * rates, and the duty on the value. Without a schedule in Puente: the official link and the
 * customs agency, and a message that says so. Unknown stays null, never 0.
 */
export async function tariffAnswer(db: Kysely<any>, q: TariffQuestion): Promise<TariffAnswer> {
  const destination = q.destination.toUpperCase();
  const origin = q.origin ? q.origin.toUpperCase() : null;
  const hs = hsDigits(q.hs);
  const currency = q.value != null ? (q.currency ?? 'USD').toUpperCase() : null;
  const base = { destination, origin, hs, date: q.date ?? null, value: q.value ?? null, currency, lines: [] as AnswerLine[], truncated: false };
  const editions = await listEditions(db, destination);
  const [country] = await listCountries(db, { countries: [destination] });
  const name = country?.name_en ?? destination;
  const fallback = async () => {
    const links = await linksOf(db, destination);
    const link = links.find((l) => l.kind === 'tariff_schedule') ?? links[0] ?? null;
    const [customs] = await contactsOf(db, destination, ['customs']);
    return {
      officialLink: link ? { iso3: link.iso3, kind: link.kind, url: link.url, note: link.note } : null,
      agency: customs ? { name: customs.name_en ?? customs.name_local, url: customs.official_url } : null,
    };
  };
  const links = await fallback();
  if (!editions.length) return { ...base, schedule: null, message: `Puente has no open tariff schedule for ${name}`, reason: 'no_schedule', ...links };
  const edition = editionInForce(editions, q.date);
  if (!edition) return { ...base, schedule: null, message: `No edition of ${name}'s tariff schedule in Puente was in force on ${q.date} (the earliest applies from ${editions[0].edition})`, reason: 'no_edition', ...links };
  const schedule = { destination, edition: edition.edition, edition_id: edition.id, publisher: edition.publisher, source: edition.publisher, licence: edition.licence, url: edition.url, editions: editions.map((e) => e.edition) };
  const columns = COLUMNS_BY_DESTINATION[destination] ?? [];
  const limit = q.limit ?? 100;
  const stored = await linesUnder(db, edition.id, hs, limit);
  const truncated = stored.length > limit;
  const lines = stored.slice(0, limit);
  const names = await hsDescriptions(db, lines.map((l) => l.hs6));
  let fx: FxPair | null = null;
  const destinationCurrency = ECONOMY_CURRENCY[destination];
  if (q.value != null && currency) {
    const when = q.date ?? edition.edition;
    const [v, d] = await usdRates(db, [{ currency, date: when }, { currency: destinationCurrency, date: when }]);
    fx = { valueLcuPerUsd: v.lcuPerUsd, destinationLcuPerUsd: d.lcuPerUsd, rateYear: d.rateYear ?? v.rateYear, missing: v.missing ?? d.missing };
  }
  const byKey = new Map(columns.map((c) => [c.key, c.id]));
  const out: AnswerLine[] = lines.map((l) => {
    const mfn = applyMfn(columns, l.rates, l.inherited);
    const preferential = preferentialFor(columns, l.rates, origin);
    const best = bestPreferential(preferential);
    return {
      code: l.code,
      hs6: l.hs6,
      description: names.get(l.hs6) ?? null,
      description_local: l.description,
      mfn,
      columns: cellsOf(columns, l.rates),
      preferential,
      duty: fx && q.value != null ? dutyOf(mfn.parsed, q.value, fx, destinationCurrency, 'mfn', null) : null,
      duty_preferential: fx && q.value != null && best ? dutyOf(best.parsed, q.value, fx, destinationCurrency, 'preferential', best.agreement) : null,
      inherited: Object.fromEntries(Object.entries(l.inherited).map(([k, v]) => [byKey.get(k) ?? k, v])),
      unit: l.unit,
    };
  });
  const message = out.length ? null : `No line of ${name}'s schedule (edition ${edition.edition}) under HS ${q.hs}`;
  return { ...base, schedule, message, reason: out.length ? null : 'no_line', ...links, lines: out, truncated };
}

/** The source records an answer cites: the schedule's edition and the official link shown. */
export async function answerSources(db: Kysely<any>, a: TariffAnswer): Promise<SourceRow[]> {
  const editions = a.schedule ? (await listEditions(db, a.destination)).filter((e) => e.id === a.schedule!.edition_id) : [];
  const linkSources = a.officialLink ? (await linksOf(db, a.destination)).filter((l) => l.url === a.officialLink!.url).map((l) => l.source_id) : [];
  return sourcesOf(db, [...editions.map((e) => e.source_id), ...linkSources]);
}
