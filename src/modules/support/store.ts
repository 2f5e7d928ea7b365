import type { Kysely } from 'kysely';
import { type Actor, listAudit, writeAudit } from '../../platform/audit.js';
import type { SourceRow } from '../../platform/http/api.js';
import { programmeKey } from './compute.js';
import type { ProgrammeInput, ProgrammePatch } from './schema.js';

// The support module's SQL, and nothing else has it. Edits go through createProgramme /
// updateProgramme / deleteProgramme, which write their audit row in the same transaction.

export const AUDIT_ENTITY = 'support_programmes';

/** A programme as stored: the text as read plus the edited fields. */
export interface StoredProgramme {
  id: string;
  iso3: string;
  programme: string;
  programme_en: string | null;
  agency: string | null;
  year_started: number | null;
  type_text: string | null;
  target_text: string | null;
  cross_border: string | null;
  ecommerce_focus: string | null;
  goods_scope: string | null;
  stage: string | null;
  description: string | null;
  url: string | null;
  source_url: string | null;
  source_type: string | null;
  as_of: string | null;
  trust: string | null;
  source_id: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = [
  'id', 'iso3', 'programme', 'programme_en', 'agency', 'year_started', 'type_text', 'target_text', 'cross_border', 'ecommerce_focus',
  'goods_scope', 'stage', 'description', 'url', 'source_url', 'source_type', 'as_of', 'trust', 'source_id', 'created_at', 'updated_at',
] as const;

function toStored(r: Record<string, unknown>): StoredProgramme {
  const out = Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null])) as unknown as StoredProgramme;
  out.year_started = r.year_started === null || r.year_started === undefined ? null : Number(r.year_started);
  return out;
}

export class ProgrammeConflict extends Error {}

/** Actions of the audit log that wrote a programme by hand (a published draft, a direct edit, a revert). */
const EDITS = ['create', 'update', 'revert'];

/**
 * Rows of an import: upserted by id (economy + name), in the import's transaction. A programme
 * edited by hand since (a published draft, a direct edit, a revert) is kept as edited: a re-import
 * of the same source does not undo a published correction (docs/editing.md). Answers the rows written.
 */
export async function writeProgrammes(tx: Kysely<any>, all: StoredProgramme[]): Promise<number> {
  const edited = new Set<string>();
  for (let i = 0; i < all.length; i += 500) {
    const ids = all.slice(i, i + 500).map((r) => r.id);
    const rows = await tx.selectFrom('audit_log').select('entity_id').distinct().where('entity', '=', AUDIT_ENTITY).where('action', 'in', EDITS).where('entity_id', 'in', ids).execute();
    for (const r of rows) edited.add(r.entity_id as string);
  }
  const rows = all.filter((r) => !edited.has(r.id));
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const ids = batch.map((r) => r.id);
    const existing = new Map(
      (await tx.selectFrom('support_programmes').select(['id', 'created_at']).where('id', 'in', ids).execute()).map((r) => [r.id as string, r.created_at as string]),
    );
    await tx.deleteFrom('support_programmes').where('id', 'in', ids).execute();
    await tx
      .insertInto('support_programmes')
      .values(batch.map((r) => ({ ...r, created_at: existing.get(r.id) ?? r.created_at })))
      .execute();
  }
  return rows.length;
}

export async function listProgrammes(db: Kysely<any>, f: { economies?: string[]; ids?: string[] } = {}): Promise<StoredProgramme[]> {
  let q = db.selectFrom('support_programmes').selectAll();
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.ids?.length) q = q.where('id', 'in', f.ids);
  return (await q.orderBy('iso3').orderBy('programme').orderBy('id').execute()).map(toStored);
}

export async function getProgramme(db: Kysely<any>, id: string): Promise<StoredProgramme | null> {
  const row = await db.selectFrom('support_programmes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStored(row) : null;
}

export async function createProgramme(db: Kysely<any>, input: ProgrammeInput, who: Actor): Promise<StoredProgramme> {
  return db.transaction().execute(async (tx) => {
    const id = programmeKey(input.iso3, input.programme);
    if (await getProgramme(tx, id)) throw new ProgrammeConflict(`A programme "${input.programme}" of ${input.iso3} exists (${id}); update it instead`);
    const record: StoredProgramme = toStored({ ...input, id, source_id: null, created_at: who.at, updated_at: who.at });
    await tx.insertInto('support_programmes').values(record).execute();
    await writeAudit(tx, who, { action: 'create', entity: AUDIT_ENTITY, entityId: id, before: null, after: record });
    return record;
  });
}

export async function updateProgramme(db: Kysely<any>, id: string, patch: ProgrammePatch, who: Actor): Promise<StoredProgramme | null> {
  return db.transaction().execute((tx) => writeProgrammeUpdate(tx, id, patch, who));
}

/** The update and its audit row inside the caller's transaction (the workflow publishes with it). */
export async function writeProgrammeUpdate(tx: Kysely<any>, id: string, patch: ProgrammePatch, who: Actor): Promise<StoredProgramme | null> {
  const before = await getProgramme(tx, id);
  if (!before) return null;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const after: StoredProgramme = { ...before, ...defined, id, created_at: before.created_at, updated_at: who.at };
  const { id: _id, ...set } = after;
  await tx.updateTable('support_programmes').set(set).where('id', '=', id).execute();
  await writeAudit(tx, who, { action: 'update', entity: AUDIT_ENTITY, entityId: id, before, after });
  return after;
}

export async function deleteProgramme(db: Kysely<any>, id: string, who: Actor): Promise<StoredProgramme | null> {
  return db.transaction().execute(async (tx) => {
    const before = await getProgramme(tx, id);
    if (!before) return null;
    await tx.deleteFrom('support_programmes').where('id', '=', id).execute();
    await writeAudit(tx, who, { action: 'delete', entity: AUDIT_ENTITY, entityId: id, before, after: null });
    return before;
  });
}

export async function programmeAudit(db: Kysely<any>, entityId?: string) {
  return listAudit(db, { entity: AUDIT_ENTITY, entityId });
}

export async function programmeUrls(db: Kysely<any>): Promise<string[]> {
  const rows = await db.selectFrom('support_programmes').select(['url', 'source_url']).execute();
  return rows.flatMap((r) => [r.url as string | null, r.source_url as string | null]).filter((u): u is string => !!u);
}

const SOURCE_COLUMNS = ['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'] as const;

export async function sourcesOf(db: Kysely<any>, ids: (string | null | undefined)[]): Promise<SourceRow[]> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return [];
  const out: SourceRow[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    out.push(...((await db.selectFrom('sources').select(SOURCE_COLUMNS).where('id', 'in', unique.slice(i, i + 500)).execute()) as SourceRow[]));
  }
  return out.sort((a, b) => a.publisher.localeCompare(b.publisher) || a.id.localeCompare(b.id));
}

export async function supportStats(db: Kysely<any>): Promise<Record<string, number>> {
  const n = await db.selectFrom('support_programmes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return { support_programmes: Number(n?.n ?? 0) };
}
