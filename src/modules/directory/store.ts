import type { Kysely } from 'kysely';
import { type Actor, listAudit, writeAudit } from '../../platform/audit.js';
import { entryKey } from './compute.js';
import type { EntryInput, EntryPatch } from './schema.js';

// The directory's SQL, and nothing else has it. Edits write their audit row in the same transaction.

export const AUDIT_ENTITY = 'directory_entries';

export interface StoredEntry {
  id: string;
  iso3: string;
  role: string;
  name_local: string;
  name_en: string | null;
  official_url: string | null;
  url_evidence: string | null;
  source_url: string | null;
  source_type: string | null;
  as_of: string | null;
  trust: string | null;
  to_verify: boolean;
  note: string | null;
  source_id: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = ['id', 'iso3', 'role', 'name_local', 'name_en', 'official_url', 'url_evidence', 'source_url', 'source_type', 'as_of', 'trust', 'to_verify', 'note', 'source_id', 'created_at', 'updated_at'] as const;

function toStored(r: Record<string, unknown>): StoredEntry {
  const out = Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null])) as unknown as StoredEntry;
  out.to_verify = Boolean(r.to_verify);
  return out;
}

export class EntryConflict extends Error {}

export async function writeEntries(tx: Kysely<any>, rows: StoredEntry[]): Promise<number> {
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const ids = batch.map((r) => r.id);
    const existing = new Map((await tx.selectFrom('directory_entries').select(['id', 'created_at']).where('id', 'in', ids).execute()).map((r) => [r.id as string, r.created_at as string]));
    await tx.deleteFrom('directory_entries').where('id', 'in', ids).execute();
    await tx
      .insertInto('directory_entries')
      .values(batch.map((r) => ({ ...r, created_at: existing.get(r.id) ?? r.created_at })))
      .execute();
  }
  return rows.length;
}

export async function listEntries(db: Kysely<any>, f: { economies?: string[]; roles?: string[]; ids?: string[] } = {}): Promise<StoredEntry[]> {
  let q = db.selectFrom('directory_entries').selectAll();
  if (f.economies?.length) q = q.where('iso3', 'in', f.economies);
  if (f.roles?.length) q = q.where('role', 'in', f.roles);
  if (f.ids?.length) q = q.where('id', 'in', f.ids);
  return (await q.orderBy('iso3').orderBy('role').orderBy('name_local').orderBy('id').execute()).map(toStored);
}

export async function getEntry(db: Kysely<any>, id: string): Promise<StoredEntry | null> {
  const row = await db.selectFrom('directory_entries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStored(row) : null;
}

export async function createEntry(db: Kysely<any>, input: EntryInput, who: Actor): Promise<StoredEntry> {
  return db.transaction().execute(async (tx) => {
    const id = entryKey(input.iso3, input.role, input.name_local, input.source_url ?? null);
    if (await getEntry(tx, id)) throw new EntryConflict(`That body is already listed for ${input.iso3} as ${input.role} (${id}); update it instead`);
    const record = toStored({ ...input, id, to_verify: input.to_verify ?? false, source_id: null, created_at: who.at, updated_at: who.at });
    await tx.insertInto('directory_entries').values(record).execute();
    await writeAudit(tx, who, { action: 'create', entity: AUDIT_ENTITY, entityId: id, before: null, after: record });
    return record;
  });
}

export async function updateEntry(db: Kysely<any>, id: string, patch: EntryPatch, who: Actor): Promise<StoredEntry | null> {
  return db.transaction().execute((tx) => writeEntryUpdate(tx, id, patch, who));
}

/** The update and its audit row inside the caller's transaction (the workflow publishes with it). */
export async function writeEntryUpdate(tx: Kysely<any>, id: string, patch: EntryPatch, who: Actor): Promise<StoredEntry | null> {
  const before = await getEntry(tx, id);
  if (!before) return null;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const after: StoredEntry = { ...before, ...defined, id, created_at: before.created_at, updated_at: who.at };
  const { id: _id, ...set } = after;
  await tx.updateTable('directory_entries').set(set).where('id', '=', id).execute();
  await writeAudit(tx, who, { action: 'update', entity: AUDIT_ENTITY, entityId: id, before, after });
  return after;
}

export async function deleteEntry(db: Kysely<any>, id: string, who: Actor): Promise<StoredEntry | null> {
  return db.transaction().execute(async (tx) => {
    const before = await getEntry(tx, id);
    if (!before) return null;
    await tx.deleteFrom('directory_entries').where('id', '=', id).execute();
    await writeAudit(tx, who, { action: 'delete', entity: AUDIT_ENTITY, entityId: id, before, after: null });
    return before;
  });
}

export async function entryAudit(db: Kysely<any>, entityId?: string) {
  return listAudit(db, { entity: AUDIT_ENTITY, entityId });
}

export async function entryUrls(db: Kysely<any>): Promise<string[]> {
  const rows = await db.selectFrom('directory_entries').select(['official_url', 'source_url']).execute();
  return rows.flatMap((r) => [r.official_url as string | null, r.source_url as string | null]).filter((u): u is string => !!u);
}

export async function directoryStats(db: Kysely<any>): Promise<Record<string, number>> {
  const n = await db.selectFrom('directory_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return { directory_entries: Number(n?.n ?? 0) };
}

const SOURCE_COLUMNS = ['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'] as const;

export async function sourcesOf(db: Kysely<any>, ids: (string | null | undefined)[]): Promise<import('../../platform/http/api.js').SourceRow[]> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  const out: import('../../platform/http/api.js').SourceRow[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    out.push(...((await db.selectFrom('sources').select(SOURCE_COLUMNS).where('id', 'in', unique.slice(i, i + 500)).execute()) as import('../../platform/http/api.js').SourceRow[]));
  }
  return out.sort((a, b) => a.publisher.localeCompare(b.publisher) || a.id.localeCompare(b.id));
}
