import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DraftStatus, Verification, VerifyInput } from './schema.js';

// The workflow's SQL (migration 0017), and nothing else has it.

export interface StoredDraft {
  id: string;
  entity: string;
  entity_id: string;
  economy: string | null;
  base: Record<string, unknown> | null;
  proposed: Record<string, unknown>;
  status: DraftStatus;
  author: string;
  author_id: string | null;
  reviewer: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

// Ids sort in write order (time, then a per-process sequence: several writes share a millisecond,
// and tests run on a fixed clock), so "newest" and "in order" need no second column.
let seq = 0;
const newId = (prefix: string, at: string) => `${prefix}-${Date.parse(at).toString(36).padStart(9, '0')}-${(seq++ % 1e6).toString().padStart(6, '0')}-${randomBytes(4).toString('hex')}`;

function toDraft(r: Record<string, any>): StoredDraft {
  return {
    id: r.id,
    entity: r.entity,
    entity_id: r.entity_id,
    economy: r.economy ?? null,
    base: r.base_doc ? JSON.parse(r.base_doc) : null,
    proposed: JSON.parse(r.proposed_doc),
    status: r.status,
    author: r.author,
    author_id: r.author_id ?? null,
    reviewer: r.reviewer ?? null,
    created_at: r.created_at,
    updated_at: r.updated_at,
    published_at: r.published_at ?? null,
  };
}

export async function insertDraft(db: Kysely<any>, d: Omit<StoredDraft, 'id' | 'reviewer' | 'published_at' | 'updated_at'>): Promise<StoredDraft> {
  const id = newId('dft', d.created_at);
  await db
    .insertInto('wf_drafts')
    .values({
      id,
      entity: d.entity,
      entity_id: d.entity_id,
      economy: d.economy,
      base_doc: d.base ? JSON.stringify(d.base) : null,
      proposed_doc: JSON.stringify(d.proposed),
      status: d.status,
      author: d.author,
      author_id: d.author_id,
      reviewer: null,
      created_at: d.created_at,
      updated_at: d.created_at,
      published_at: null,
    })
    .execute();
  return { ...d, id, reviewer: null, published_at: null, updated_at: d.created_at };
}

export async function getDraft(db: Kysely<any>, id: string): Promise<StoredDraft | null> {
  const r = await db.selectFrom('wf_drafts').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toDraft(r) : null;
}

export async function updateDraft(db: Kysely<any>, id: string, set: { status?: DraftStatus; proposed?: Record<string, unknown>; reviewer?: string; at: string; published?: boolean }): Promise<void> {
  await db
    .updateTable('wf_drafts')
    .set({
      updated_at: set.at,
      ...(set.status ? { status: set.status } : {}),
      ...(set.proposed ? { proposed_doc: JSON.stringify(set.proposed) } : {}),
      ...(set.reviewer ? { reviewer: set.reviewer } : {}),
      ...(set.published ? { published_at: set.at } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export interface DraftFilter {
  statuses?: DraftStatus[];
  economy?: string;
  entity?: string;
  entityId?: string;
}

export async function listDrafts(db: Kysely<any>, f: DraftFilter = {}): Promise<StoredDraft[]> {
  let q = db.selectFrom('wf_drafts').selectAll();
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  if (f.economy) q = q.where('economy', '=', f.economy);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  return (await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute()).map(toDraft);
}

export async function addComment(db: Kysely<any>, c: { draftId: string; at: string; author: string; action: string; text?: string | null }): Promise<void> {
  await db
    .insertInto('wf_comments')
    .values({ id: newId('cmt', c.at), draft_id: c.draftId, at: c.at, author: c.author, action: c.action, text: c.text?.trim() || null })
    .execute();
}

export async function commentsOf(db: Kysely<any>, draftIds: string[]): Promise<Map<string, { at: string; author: string; action: string; text: string | null }[]>> {
  const out = new Map<string, { at: string; author: string; action: string; text: string | null }[]>();
  if (!draftIds.length) return out;
  const rows = await db.selectFrom('wf_comments').selectAll().where('draft_id', 'in', draftIds).orderBy('at').orderBy('id').execute();
  for (const r of rows) {
    const list = out.get(r.draft_id) ?? [];
    list.push({ at: r.at, author: r.author, action: r.action, text: r.text ?? null });
    out.set(r.draft_id, list);
  }
  return out;
}

export async function insertVerification(db: Kysely<any>, v: VerifyInput & { economy: string; verifier: string; at: string }): Promise<string> {
  const id = newId('ver', v.at);
  await db
    .insertInto('wf_verifications')
    .values({
      id,
      entity: v.entity,
      entity_id: v.entity_id,
      economy: v.economy,
      feedback: v.feedback,
      feedback_full: v.feedback_full || null,
      requested_action: v.requested_action || null,
      action_date: v.action_date,
      verifier: v.verifier,
      at: v.at,
    })
    .execute();
  return id;
}

export async function listVerifications(db: Kysely<any>, f: { entity?: string; entityId?: string; economy?: string; latest?: boolean } = {}): Promise<Verification[]> {
  let q = db.selectFrom('wf_verifications').selectAll();
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.economy) q = q.where('economy', '=', f.economy);
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').execute();
  const seen = new Set<string>();
  const out: Verification[] = rows.map((r) => {
    const key = `${r.entity}\u0000${r.entity_id}`;
    const latest = !seen.has(key);
    seen.add(key);
    return {
      id: r.id,
      entity: r.entity,
      entity_id: r.entity_id,
      economy: r.economy,
      feedback: r.feedback,
      feedback_full: r.feedback_full ?? null,
      requested_action: r.requested_action ?? null,
      action_date: r.action_date ?? null,
      verifier: r.verifier,
      at: r.at,
      latest,
    };
  });
  return f.latest ? out.filter((v) => v.latest) : out;
}
