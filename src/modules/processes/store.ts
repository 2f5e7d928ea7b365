import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../../platform/audit.js';
import { insertBatches } from '../../platform/ingest/run.js';
import { caseSchema, type BpaCase } from './schema.js';

// The module's SQL. A case is stored whole (doc) with the columns lists filter on; every write
// from the editor lands in the audit log (entity `bpa_cases`) in the same transaction.

export const ENTITY = 'bpa_cases';

export interface StoredCase {
  doc: BpaCase;
  source_id: string | null;
  created_at: string;
  updated_at: string;
}

export class CaseConflict extends Error {}

function columns(c: BpaCase) {
  return { id: c.id, title: c.title, label: c.label, status: c.status, baseline_case_id: c.baselineCaseId, exporter: c.exporter, importer: c.importer, channel: c.channel, doc: JSON.stringify(c) };
}

function parse(row: { doc: unknown; source_id: unknown; created_at: unknown; updated_at: unknown }): StoredCase {
  return { doc: caseSchema.parse(JSON.parse(String(row.doc))), source_id: (row.source_id as string | null) ?? null, created_at: String(row.created_at), updated_at: String(row.updated_at) };
}

export async function listCases(db: Kysely<any>, f: { economies?: string[]; label?: string | null } = {}): Promise<StoredCase[]> {
  let q = db.selectFrom('bpa_cases').select(['doc', 'source_id', 'created_at', 'updated_at']);
  if (f.economies?.length) q = q.where((eb) => eb.or([eb('exporter', 'in', f.economies!), eb('importer', 'in', f.economies!)]));
  if (f.label) q = q.where('label', '=', f.label);
  return (await q.orderBy('id').execute()).map(parse);
}

export async function getCase(db: Kysely<any>, id: string): Promise<StoredCase | null> {
  const row = await db.selectFrom('bpa_cases').select(['doc', 'source_id', 'created_at', 'updated_at']).where('id', '=', id).executeTakeFirst();
  return row ? parse(row) : null;
}

/** Imported cases (files): upserted by id, keeping when each was first created. */
export async function writeImportedCases(tx: Kysely<any>, cases: { doc: BpaCase; sourceId: string }[], now: string): Promise<void> {
  await insertBatches(
    tx,
    'bpa_cases',
    cases.map((c) => ({ ...columns(c.doc), source_id: c.sourceId, created_at: now, updated_at: now })),
    { columns: ['id'], update: ['title', 'label', 'status', 'baseline_case_id', 'exporter', 'importer', 'channel', 'doc', 'source_id', 'updated_at'] },
  );
}

export async function createCase(db: Kysely<any>, c: BpaCase, who: Actor, sourceId: string | null = null): Promise<StoredCase> {
  return db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('bpa_cases').select('id').where('id', '=', c.id).executeTakeFirst();
    if (exists) throw new CaseConflict(`a case "${c.id}" exists already`);
    await tx.insertInto('bpa_cases').values({ ...columns(c), source_id: sourceId, created_at: who.at, updated_at: who.at }).execute();
    await writeAudit(tx, who, { action: 'create', entity: ENTITY, entityId: c.id, before: null, after: c });
    return { doc: c, source_id: sourceId, created_at: who.at, updated_at: who.at };
  });
}

/** Replaces a case's document; null when there is no such case. */
export async function replaceCase(db: Kysely<any>, c: BpaCase, who: Actor): Promise<StoredCase | null> {
  return db.transaction().execute((tx) => writeCaseReplace(tx, c, who));
}

/** The replacement and its audit row inside the caller's transaction (the workflow publishes with it). */
export async function writeCaseReplace(tx: Kysely<any>, c: BpaCase, who: Actor): Promise<StoredCase | null> {
  const row = await tx.selectFrom('bpa_cases').select(['doc', 'source_id', 'created_at', 'updated_at']).where('id', '=', c.id).executeTakeFirst();
  if (!row) return null;
  const before = parse(row);
  await tx.updateTable('bpa_cases').set({ ...columns(c), updated_at: who.at }).where('id', '=', c.id).execute();
  await writeAudit(tx, who, { action: 'update', entity: ENTITY, entityId: c.id, before: before.doc, after: c });
  return { ...before, doc: c, updated_at: who.at };
}

export async function deleteCase(db: Kysely<any>, id: string, who: Actor): Promise<BpaCase | null> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('bpa_cases').select(['doc', 'source_id', 'created_at', 'updated_at']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const before = parse(row).doc;
    await tx.deleteFrom('bpa_cases').where('id', '=', id).execute();
    await writeAudit(tx, who, { action: 'delete', entity: ENTITY, entityId: id, before, after: null });
    return before;
  });
}

/** Cases that name this one as their as-is baseline. */
export async function toBeCasesOf(db: Kysely<any>, id: string): Promise<string[]> {
  return (await db.selectFrom('bpa_cases').select('id').where('baseline_case_id', '=', id).orderBy('id').execute()).map((r) => r.id as string);
}

export interface BenchmarkRecord {
  iso3: string;
  series_code: string;
  series: string;
  year: number;
  value: number | null;
  source_id: string;
}

export async function writeBenchmarks(tx: Kysely<any>, rows: BenchmarkRecord[]): Promise<void> {
  await insertBatches(tx, 'bpa_benchmarks', rows as never, { columns: ['iso3', 'series_code', 'year'], update: ['series', 'value', 'source_id'] });
}

export async function listBenchmarks(db: Kysely<any>, economies: string[]): Promise<BenchmarkRecord[]> {
  let q = db.selectFrom('bpa_benchmarks').select(['iso3', 'series_code', 'series', 'year', 'value', 'source_id']);
  if (economies.length) q = q.where('iso3', 'in', economies);
  const rows = await q.orderBy('iso3').orderBy('series_code').orderBy('year').execute();
  return rows.map((r) => ({ ...r, year: Number(r.year), value: r.value === null ? null : Number(r.value) })) as BenchmarkRecord[];
}

export async function processesStats(db: Kysely<any>): Promise<Record<string, number>> {
  const [c] = await db.selectFrom('bpa_cases').select((eb) => eb.fn.countAll().as('n')).execute();
  const [b] = await db.selectFrom('bpa_benchmarks').select((eb) => eb.fn.countAll().as('n')).execute();
  return { bpa_cases: Number(c.n), bpa_benchmarks: Number(b.n) };
}
