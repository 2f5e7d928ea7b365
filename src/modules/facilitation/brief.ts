// What a country brief (src/modules/briefs) reads from this module: the economy's latest overall
// score and the FEALAC pooled average of the same round with its n, as
// GET /api/facilitation/economies/{iso3}/averages computes them.
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { listCountries } from '../countries/index.js';
import { headline, OVERALL, pooledAverage } from './compute.js';
import { frameworkFor, tfFiles } from './framework.js';
import { listScores, tfSourcesOf } from './store.js';

export interface TfLatest {
  round: number | null;
  score: number | null;
  /** Quoted by a press release or news item, not read on untfsurvey.org. */
  secondary: boolean;
  fealac: number | null;
  fealac_n: number;
  min_n: number;
  sources: SourceRow[];
}

export async function latestVsFealac(db: Kysely<any>, iso3: string, minN: number): Promise<TfLatest> {
  const all = (await listScores(db)).filter((s) => s.grp === OVERALL);
  const ownRounds = all.filter((s) => s.iso3 === iso3).map((s) => s.round);
  const round = ownRounds.length ? Math.max(...ownRounds) : null;
  if (round === null) return { round: null, score: null, secondary: false, fealac: null, fealac_n: 0, min_n: minN, sources: [] };
  const members = (await listCountries(db)).map((c) => c.iso3);
  const measures = frameworkFor(tfFiles(), round).rules.core_measures;
  const heads = members.map((c) => headline(all.filter((s) => s.round === round && s.iso3 === c))?.value).filter((h): h is NonNullable<typeof h> => !!h);
  const avg = pooledAverage(heads.map((h) => ({ pct: h.score_pct, measures, secondary: h.secondary })), minN);
  const mine = heads.find((h) => h.iso3 === iso3)!;
  // The economy's own source, and one source per publisher of the others (the average's n says how many).
  const cited = await tfSourcesOf(db, heads.map((h) => h.source_id));
  const own = cited.filter((s) => s.id === mine.source_id);
  const others = [...new Map(cited.filter((s) => s.id !== mine.source_id).map((s) => [s.publisher, s])).values()].filter((s) => !own.some((o) => o.publisher === s.publisher));
  return { round, score: mine.score_pct, secondary: mine.secondary, fealac: avg.value, fealac_n: avg.n, min_n: minN, sources: [...own, ...others] };
}
