import type { Kysely } from 'kysely';
import { insertBatches } from '../../../platform/ingest/run.js';
import { STRI_MEASURES, type StriMeasure, type StriValue } from './schema.js';

// The Digital STRI's SQL, and nothing else has it.

export interface StriFilter {
  economies?: string[];
  from?: number | null;
  to?: number | null;
  measures?: StriMeasure[];
}

/** Writes (or replaces) values by economy, year and measure. */
export async function writeStriValues(tx: Kysely<any>, values: StriValue[]): Promise<void> {
  await insertBatches(
    tx,
    'stri_values',
    values.map((v) => ({ iso3: v.iso3, year: v.year, measure: v.measure, value: v.value, source_id: v.source_id })),
    { columns: ['iso3', 'year', 'measure'], update: ['value', 'source_id'] },
  );
}

export async function listStriValues(db: Kysely<any>, f: StriFilter = {}): Promise<StriValue[]> {
  let q = db.selectFrom('stri_values').select(['iso3', 'year', 'measure', 'value', 'source_id']);
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.measures?.length) q = q.where('measure', 'in', f.measures);
  if (f.from != null) q = q.where('year', '>=', f.from);
  if (f.to != null) q = q.where('year', '<=', f.to);
  const rows = await q.orderBy('iso3').orderBy('year').execute();
  const order = (m: unknown) => STRI_MEASURES.indexOf(m as StriMeasure);
  // Within an economy-year: the overall index, then the areas in the OECD's order.
  rows.sort((a, b) => (a.iso3 === b.iso3 && a.year === b.year ? order(a.measure) - order(b.measure) : 0));
  return rows.map((r) => ({ iso3: r.iso3 as string, year: Number(r.year), measure: r.measure as StriMeasure, value: Number(r.value), source_id: r.source_id as string }));
}

export async function striStats(db: Kysely<any>): Promise<Record<string, number>> {
  const row = await db.selectFrom('stri_values').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return { digital_stri_values: Number(row?.n ?? 0) };
}
