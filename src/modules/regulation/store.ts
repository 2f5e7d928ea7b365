import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Actor, listAudit as listAllAudit, writeAudit } from '../../platform/audit.js';
import type { SourceRow } from '../../platform/http/api.js';
import { insertBatches } from '../../platform/ingest/run.js';
import type { Measure, MeasureInput } from './schema.js';

export type { Actor };

// The regulation module's SQL, and nothing else has it. Writes to measures go through
// createMeasure / updateMeasure / deleteMeasure / importMeasures, which record an audit row in the
// same transaction: a write without its audit row cannot happen.

const SOURCE_COLUMNS = ['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'] as const;

export interface FrameworkFile {
  id: string;
  version: string;
  json: unknown;
}

export async function seedFrameworks(db: Kysely<any>, files: FrameworkFile[], now: string): Promise<void> {
  for (const f of files) {
    const json = JSON.stringify(f.json);
    const existing = await db.selectFrom('frameworks').select('json').where('id', '=', f.id).where('version', '=', f.version).executeTakeFirst();
    if (existing?.json === json) continue;
    if (existing) await db.updateTable('frameworks').set({ json, loaded_at: now }).where('id', '=', f.id).where('version', '=', f.version).execute();
    else await db.insertInto('frameworks').values({ id: f.id, version: f.version, loaded_at: now, json }).execute();
  }
}

export async function listFrameworks(db: Kysely<any>): Promise<{ id: string; version: string; loaded_at: string; json: unknown }[]> {
  const rows = await db.selectFrom('frameworks').select(['id', 'version', 'loaded_at', 'json']).orderBy('id').orderBy('version').execute();
  return rows.map((r) => ({ id: r.id as string, version: r.version as string, loaded_at: r.loaded_at as string, json: JSON.parse(r.json as string) }));
}

/** `rdtii-2.1` -> the stored framework JSON, or null. */
export async function getFrameworkJson(db: Kysely<any>, key: string): Promise<unknown | null> {
  const i = key.lastIndexOf('-');
  if (i < 1) return null;
  const row = await db.selectFrom('frameworks').select('json').where('id', '=', key.slice(0, i)).where('version', '=', key.slice(i + 1)).executeTakeFirst();
  return row ? JSON.parse(row.json as string) : null;
}

// ---------------------------------------------------------------- measures

export interface MeasureFilter {
  economies?: string[];
  indicators?: string[];
  status?: 'in_force' | 'pending';
  framework?: string;
}

function toMeasure(r: Record<string, unknown>): Measure {
  return { ...(r as Measure), urls: r.urls ? String(r.urls).split(/\s+/).filter(Boolean) : [] };
}

function toRecord(m: Measure): Record<string, unknown> {
  return { ...m, urls: m.urls.length ? m.urls.join(' ') : null };
}

export async function listMeasures(db: Kysely<any>, f: MeasureFilter = {}): Promise<Measure[]> {
  let q = db.selectFrom('reg_measures').selectAll();
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.indicators?.length) q = q.where('indicator_id', 'in', f.indicators);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.framework) q = q.where('framework_version', '=', f.framework);
  const rows = await q.orderBy('iso3').orderBy('indicator_id').orderBy('id').execute();
  return rows.map(toMeasure);
}

export async function getMeasure(db: Kysely<any>, id: string): Promise<Measure | null> {
  const row = await db.selectFrom('reg_measures').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMeasure(row) : null;
}

export function newMeasureId(iso3: string, indicatorId: string): string {
  return `m-${iso3}-${indicatorId}-${randomBytes(4).toString('hex')}`;
}

async function audit(tx: Kysely<any>, who: Actor, action: string, entityId: string, before: Measure | null, after: Measure | null): Promise<void> {
  await writeAudit(tx, who, { action, entity: 'reg_measures', entityId, before, after });
}

function complete(input: MeasureInput, id: string, created: string, updated: string): Measure {
  const { id: _ignored, created_at: _c, updated_at: _u, ...rest } = input;
  return { id, ...rest, created_at: created, updated_at: updated } as Measure;
}

export class MeasureConflict extends Error {}

export async function createMeasure(db: Kysely<any>, input: MeasureInput, who: Actor): Promise<Measure> {
  return db.transaction().execute(async (tx) => {
    const id = input.id ?? newMeasureId(input.iso3, input.indicator_id);
    if (await getMeasure(tx, id)) throw new MeasureConflict(`a measure "${id}" exists; POST /api/regulation/measures/${id} updates it`);
    const measure = complete(input, id, who.at, who.at);
    await tx.insertInto('reg_measures').values(toRecord(measure)).execute();
    await audit(tx, who, 'create', id, null, measure);
    return measure;
  });
}

/** Applies `patch` (the fields it names) to a measure; null when there is no such measure. */
export async function updateMeasure(db: Kysely<any>, id: string, patch: Partial<MeasureInput>, who: Actor): Promise<Measure | null> {
  return db.transaction().execute((tx) => writeMeasureUpdate(tx, id, patch, who));
}

/** The update and its audit row inside the caller's transaction (the workflow publishes with it). */
export async function writeMeasureUpdate(tx: Kysely<any>, id: string, patch: Partial<MeasureInput>, who: Actor): Promise<Measure | null> {
  const before = await getMeasure(tx, id);
  if (!before) return null;
  const defined = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'created_at' && k !== 'updated_at' && k !== 'id'));
  const after: Measure = { ...before, ...defined, id, created_at: before.created_at, updated_at: who.at } as Measure;
  const { id: _id, ...set } = toRecord(after);
  await tx.updateTable('reg_measures').set(set).where('id', '=', id).execute();
  await audit(tx, who, 'update', id, before, after);
  return after;
}

export async function deleteMeasure(db: Kysely<any>, id: string, who: Actor): Promise<Measure | null> {
  return db.transaction().execute(async (tx) => {
    const before = await getMeasure(tx, id);
    if (!before) return null;
    await tx.deleteFrom('reg_measures').where('id', '=', id).execute();
    await audit(tx, who, 'delete', id, before, null);
    return before;
  });
}

/**
 * Upserts measures by id (runs inside the import's transaction); each one that is new or changed
 * gets an audit row with action "import". Returns how many were written.
 */
export async function importMeasures(tx: Kysely<any>, inputs: MeasureInput[], who: Actor): Promise<number> {
  let written = 0;
  for (const input of inputs) {
    const id = input.id ?? newMeasureId(input.iso3, input.indicator_id);
    const before = await getMeasure(tx, id);
    const after = complete(input, id, before?.created_at ?? who.at, who.at);
    if (before && JSON.stringify({ ...before, updated_at: '' }) === JSON.stringify({ ...after, updated_at: '' })) continue;
    if (before) {
      const { id: _id, ...set } = toRecord(after);
      await tx.updateTable('reg_measures').set(set).where('id', '=', id).execute();
    } else {
      await tx.insertInto('reg_measures').values(toRecord(after)).execute();
    }
    await audit(tx, who, 'import', id, before, after);
    written++;
  }
  return written;
}

/** The regulation module's part of the audit log. */
export async function listAudit(db: Kysely<any>, f: { entityId?: string; actor?: string } = {}) {
  return listAllAudit(db, { ...f, entity: 'reg_measures' });
}

// ---------------------------------------------------------------- cyberlaw tracker

export interface CyberlawStatus {
  iso3: string;
  area: string;
  status: string;
  flagged: string | null;
  source_id: string;
}

export interface CyberlawLaw {
  iso3: string;
  area: string;
  url: string;
  title: string | null;
  source_id: string;
}

/** Replaces what is held for the economies the statuses cover (their laws too, when given). */
export async function writeCyberlaw(tx: Kysely<any>, statuses: CyberlawStatus[], laws: CyberlawLaw[] | null): Promise<void> {
  const economies = [...new Set(statuses.map((s) => s.iso3))];
  if (!economies.length) return;
  await insertBatches(tx, 'cyberlaw_status', statuses as never, { columns: ['iso3', 'area'], update: ['status', 'flagged', 'source_id'] });
  if (laws) {
    await tx.deleteFrom('cyberlaw_laws').where('iso3', 'in', economies).execute();
    const unique = new Map(laws.map((l) => [`${l.iso3}|${l.area}|${l.url}`, l]));
    await insertBatches(tx, 'cyberlaw_laws', [...unique.values()] as never, { columns: ['iso3', 'area', 'url'], update: ['title', 'source_id'] });
  }
}

export async function listCyberlaw(db: Kysely<any>, f: { economies?: string[]; area?: string; status?: string } = {}) {
  let q = db.selectFrom('cyberlaw_status').select(['iso3', 'area', 'status', 'flagged', 'source_id']);
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.area) q = q.where('area', '=', f.area);
  if (f.status) q = q.where('status', '=', f.status);
  const statuses = (await q.orderBy('iso3').orderBy('area').execute()) as CyberlawStatus[];
  let l = db.selectFrom('cyberlaw_laws').select(['iso3', 'area', 'url', 'title', 'source_id']);
  if (f.economies?.length) l = l.where('iso3', 'in', f.economies);
  const laws = (await l.orderBy('iso3').orderBy('area').orderBy('url').execute()) as CyberlawLaw[];
  return { statuses, laws };
}

// ---------------------------------------------------------------- treaties and de minimis

export interface TreatyStatus {
  iso3: string;
  instrument: string;
  status: string;
  date: string | null;
  source_url: string | null;
  source_date: string | null;
  notes: string | null;
  source_id: string;
}

export async function writeTreaties(tx: Kysely<any>, rows: TreatyStatus[]): Promise<void> {
  await insertBatches(tx, 'treaty_status', rows as never, {
    columns: ['iso3', 'instrument'],
    update: ['status', 'date', 'source_url', 'source_date', 'notes', 'source_id'],
  });
}

export async function listTreaties(db: Kysely<any>, f: { economies?: string[]; instruments?: string[] } = {}): Promise<TreatyStatus[]> {
  let q = db.selectFrom('treaty_status').selectAll();
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.instruments?.length) q = q.where('instrument', 'in', f.instruments);
  return (await q.orderBy('iso3').orderBy('instrument').execute()) as TreatyStatus[];
}

export interface DeMinimis {
  iso3: string;
  kind: string;
  amount: string;
  amount_value: number | null;
  currency: string | null;
  usd_approx: number | null;
  basis: string | null;
  channel: string | null;
  effective_from: string | null;
  source_type: string | null;
  source_url: string | null;
  source_date: string | null;
  notes: string | null;
  source_id: string;
}

/** A file holds an economy's whole history: its rows replace what is held for that economy. */
export async function writeDeMinimis(tx: Kysely<any>, rows: DeMinimis[]): Promise<void> {
  const economies = [...new Set(rows.map((r) => r.iso3))];
  if (!economies.length) return;
  await tx.deleteFrom('de_minimis').where('iso3', 'in', economies).execute();
  for (let i = 0; i < rows.length; i += 500) await tx.insertInto('de_minimis').values(rows.slice(i, i + 500)).execute();
}

export async function listDeMinimis(db: Kysely<any>, f: { economies?: string[]; kind?: string } = {}): Promise<DeMinimis[]> {
  let q = db.selectFrom('de_minimis').selectAll();
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.kind) q = q.where('kind', '=', f.kind);
  // File order within an economy is the source's (history) order; keep it stable by effective date text.
  return (await q.orderBy('iso3').orderBy('kind').orderBy('effective_from').orderBy('channel').execute()) as DeMinimis[];
}

// ---------------------------------------------------------------- shared

export async function sourcesOf(db: Kysely<any>, ids: (string | null | undefined)[]): Promise<SourceRow[]> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return [];
  return (await db.selectFrom('sources').select(SOURCE_COLUMNS).where('id', 'in', unique).orderBy('publisher').orderBy('id').execute()) as SourceRow[];
}

export async function regulationStats(db: Kysely<any>): Promise<Record<string, number>> {
  const count = async (table: string) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  return {
    reg_measures: await count('reg_measures'),
    reg_audit: await count('audit_log'),
    cyberlaw_statuses: await count('cyberlaw_status'),
    treaty_statuses: await count('treaty_status'),
    de_minimis_rows: await count('de_minimis'),
    escap_measures: await count('reg_escap_measures'),
    legal_inventory: await count('reg_legal_inventory'),
  };
}

// ---------------------------------------------------------------- ESCAP RDTII measures and legal inventory

export interface EscapMeasure {
  id: string;
  iso3: string;
  framework_version: string;
  pillar: number;
  indicator_id: string;
  indicator_id_source: string;
  category_id: string;
  raw_score: number;
  act_or_practice: string;
  coverage: string | null;
  impact: string | null;
  timeframe: string | null;
  urls: string[];
  note: string | null;
  note_internal: string | null;
  gov_feedback: string | null;
  gov_feedback_full: string | null;
  gov_action: string | null;
  gov_question: string | null;
  correction: 'kept' | 'changed' | 'set_aside' | null;
  corrected_score: number | null;
  workbook: string;
  sheet: string;
  sheet_row: number;
  edition: string | null;
  source_id: string;
}

/** A file holds whole economies: its rows replace what is held for them. */
export async function writeEscapMeasures(tx: Kysely<any>, rows: EscapMeasure[]): Promise<void> {
  const economies = [...new Set(rows.map((r) => r.iso3))];
  if (!economies.length) return;
  await tx.deleteFrom('reg_escap_measures').where('iso3', 'in', economies).execute();
  const records = rows.map((r) => ({ ...r, urls: JSON.stringify(r.urls) }));
  for (let i = 0; i < records.length; i += 200) await tx.insertInto('reg_escap_measures').values(records.slice(i, i + 200)).execute();
}

export async function listEscapMeasures(db: Kysely<any>, f: { economies?: string[]; indicators?: string[]; framework?: string; feedback?: string } = {}): Promise<EscapMeasure[]> {
  let q = db.selectFrom('reg_escap_measures').selectAll();
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.indicators?.length) q = q.where('indicator_id', 'in', f.indicators);
  if (f.framework) q = q.where('framework_version', '=', f.framework);
  if (f.feedback) q = q.where('gov_feedback', '=', f.feedback);
  const rows = await q.orderBy('iso3').orderBy('sheet_row').execute();
  return rows.map((r) => ({ ...(r as EscapMeasure), urls: r.urls ? (JSON.parse(r.urls as string) as string[]) : [] }));
}

export interface LegalInventoryRow {
  iso3: string;
  seq: number;
  pillar: number;
  indicator_id: string;
  indicator_label: string;
  cluster: string | null;
  act_or_practice: string;
  coverage: string | null;
  coverage_type: string | null;
  timeframe: string | null;
  reference_url: string | null;
  source_id: string;
}

export async function writeLegalInventory(tx: Kysely<any>, rows: LegalInventoryRow[]): Promise<void> {
  const economies = [...new Set(rows.map((r) => r.iso3))];
  if (!economies.length) return;
  await tx.deleteFrom('reg_legal_inventory').where('iso3', 'in', economies).execute();
  for (let i = 0; i < rows.length; i += 200) await tx.insertInto('reg_legal_inventory').values(rows.slice(i, i + 200)).execute();
}

export async function listLegalInventory(db: Kysely<any>, f: { economies?: string[]; indicators?: string[] } = {}): Promise<LegalInventoryRow[]> {
  let q = db.selectFrom('reg_legal_inventory').selectAll();
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.indicators?.length) q = q.where('indicator_id', 'in', f.indicators);
  return (await q.orderBy('iso3').orderBy('seq').execute()) as LegalInventoryRow[];
}
