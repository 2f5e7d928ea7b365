import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

// The audit log every module writes to (table `audit_log`, created by migration 0005): who wrote
// what, when, with the record before and after. A write and its audit row share one transaction.

export interface Actor {
  actor: string;
  at: string;
}

export interface AuditEntry {
  /** create | update | delete | import, or a module's own verb. */
  action: string;
  /** The table or kind of record, e.g. `reg_measures`. */
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

// Ids sort in write order: time, then a per-process sequence (several writes share a millisecond).
let auditSeq = 0;

export async function writeAudit(tx: Kysely<any>, who: Actor, e: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      id: `aud-${Date.parse(who.at).toString(36).padStart(9, '0')}-${(auditSeq++ % 1e6).toString().padStart(6, '0')}-${randomBytes(3).toString('hex')}`,
      at: who.at,
      actor: who.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before: e.before == null ? null : JSON.stringify(e.before),
      after: e.after == null ? null : JSON.stringify(e.after),
    })
    .execute();
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  /** ISO date or time: entries at or after it. */
  since?: string;
  /** ISO date or time: entries before it (a date alone includes that whole day). */
  until?: string;
  limit?: number;
  /**
   * Keep what drafts proposed (the admins' audit log). Otherwise a draft's row says that a draft
   * was submitted and its status, not the values it proposed: public pages and the API show the
   * published version only, and reviewers read drafts in the review queue.
   */
  withDraftValues?: boolean;
}

/** A workflow row without the values of a draft that is not published (see AuditFilter). */
function withoutDraftValues<R extends { action: unknown; after: unknown }>(row: R): R {
  if (typeof row.action !== 'string' || !row.action.startsWith('draft') || row.after == null) return row;
  let after: Record<string, unknown>;
  try {
    after = typeof row.after === 'string' ? JSON.parse(row.after) : (row.after as Record<string, unknown>);
  } catch {
    return { ...row, after: null };
  }
  const kept = { draft: after.draft ?? null, status: after.status ?? null };
  return { ...row, after: typeof row.after === 'string' ? JSON.stringify(kept) : kept };
}

export async function listAudit(db: Kysely<any>, f: AuditFilter = {}) {
  let q = db.selectFrom('audit_log').select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after']);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.since) q = q.where('at', '>=', f.since);
  if (f.until) q = q.where('at', '<', f.until.length === 10 ? `${f.until}T99` : f.until);
  q = q.orderBy('at', 'desc').orderBy('id', 'desc');
  if (f.limit) q = q.limit(f.limit);
  const rows = await q.execute();
  return f.withDraftValues ? rows : rows.map(withoutDraftValues);
}
