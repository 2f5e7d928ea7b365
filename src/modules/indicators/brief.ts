// What a country brief (src/modules/briefs) reads from this module: the readiness index of one
// economy with its place among the 36, and an indicator's latest value beside the FEALAC median
// of the same year. The same computation as GET /api/readiness and /api/countries/{iso3}/profile.
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { listCountries } from '../countries/index.js';
import { DEFAULT_COMPONENTS } from './catalogue.js';
import { computeReadiness, gatedMedian, READINESS_DEFAULTS } from './compute.js';
import { getIndicator, latestValues, latestYear, mediansFor, observations, sourcesOf } from './store.js';

export interface EconomyReadiness {
  year: number | null;
  window: number;
  score: number | null;
  rank: number | null;
  /** Economies with a score: the n of the rank and of the median. */
  n: number;
  median: number | null;
  reason: string | null;
  components: { code: string; name: string; value: number | null; year: number | null; normalised: number | null }[];
  sources: SourceRow[];
}

/** The default readiness index for one economy (rank among the economies with a score, FEALAC median with n). */
export async function economyReadiness(db: Kysely<any>, iso3: string, minEconomies: number): Promise<EconomyReadiness> {
  const codes = DEFAULT_COMPONENTS.map((c) => c.code);
  const window = READINESS_DEFAULTS.window;
  const year = await latestYear(db, codes);
  const names = new Map<string, string>();
  for (const c of codes) names.set(c, String((await getIndicator(db, c))?.name ?? c));
  if (year === null) {
    return { year: null, window, score: null, rank: null, n: 0, median: null, reason: 'no indicator values held', components: codes.map((code) => ({ code, name: names.get(code)!, value: null, year: null, normalised: null })), sources: [] };
  }
  const countries = (await listCountries(db)).map((c) => c.iso3);
  const obs = await observations(db, codes, year - window + 1, year);
  const result = computeReadiness(countries, obs, { components: DEFAULT_COMPONENTS.map((c) => ({ ...c })), year, window, maxMissing: READINESS_DEFAULTS.maxMissing, minEconomies });
  const row = result.rows.find((r) => r.iso3 === iso3);
  const mine = obs.filter((o) => o.iso3 === iso3);
  return {
    year,
    window,
    score: row?.score ?? null,
    rank: row?.rank ?? null,
    n: result.medianN,
    median: result.median,
    reason: row?.reason ?? null,
    components: codes.map((code) => ({ code, name: names.get(code)!, value: row?.components[code]?.value ?? null, year: row?.components[code]?.year ?? null, normalised: row?.components[code]?.normalised ?? null })),
    sources: await sourcesOf(db, mine.map((o) => o.source_id)),
  };
}

export interface IndicatorVsFealac {
  code: string;
  name: string;
  unit: string | null;
  value: number | null;
  year: number | null;
  /** FEALAC median of the economy's year (empty below the gate), with its n. */
  median: number | null;
  n: number;
  source_id: string | null;
}

/** An indicator's latest value for an economy beside the FEALAC median of that year. */
export async function indicatorVsFealac(db: Kysely<any>, iso3: string, code: string, minEconomies: number): Promise<IndicatorVsFealac | null> {
  const meta = await getIndicator(db, code);
  if (!meta) return null;
  const [v] = await latestValues(db, code, { countries: [iso3] });
  const value = v?.value === null || v?.value === undefined ? null : Number(v.value);
  const year = v?.year === null || v?.year === undefined ? null : Number(v.year);
  let median: number | null = null;
  let n = 0;
  if (year !== null) {
    const [m] = await mediansFor(db, [code], { from: year, to: year });
    if (m) {
      n = Number(m.n);
      median = gatedMedian(m.median === null ? null : Number(m.median), n, minEconomies);
    }
  }
  return { code, name: String(meta.name), unit: (meta.unit as string | null) ?? null, value, year, median, n, source_id: (v?.source_id as string | null) ?? null };
}
