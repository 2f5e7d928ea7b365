// What a country brief (src/modules/briefs) reads of the OECD Digital STRI: the economy's latest
// year with its rank and the FEALAC median (with n), or "not covered" (never 0).
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../../platform/http/api.js';
import { memberCodes } from '../../countries/index.js';
import { sourcesOf } from '../store.js';
import { rankYear } from './compute.js';
import { STRI_MEASURES, type StriMedian } from './schema.js';
import { listStriValues } from './store.js';

export interface EconomyStri {
  /** false: no Digital STRI value held at all (not imported); then nothing is "not covered". */
  loaded: boolean;
  covered: boolean;
  year: number | null;
  stri: number | null;
  rank: number | null;
  median: StriMedian | null;
  sources: SourceRow[];
}

export async function digitalStriOf(db: Kysely<any>, iso3: string, minN: number): Promise<EconomyStri> {
  const values = await listStriValues(db, { measures: [...STRI_MEASURES] });
  if (!values.length) return { loaded: false, covered: false, year: null, stri: null, rank: null, median: null, sources: [] };
  const own = values.filter((v) => v.iso3 === iso3 && v.measure === 'STRI' && v.value !== null);
  if (!own.length) return { loaded: true, covered: false, year: null, stri: null, rank: null, median: null, sources: [] };
  const year = Math.max(...own.map((v) => v.year));
  const { rows, median } = rankYear(values, await memberCodes(db), year, minN);
  const row = rows.find((r) => r.iso3 === iso3);
  return { loaded: true, covered: true, year, stri: row?.stri ?? null, rank: row?.rank ?? null, median, sources: await sourcesOf(db, own.filter((v) => v.year === year).map((v) => v.source_id)) };
}
