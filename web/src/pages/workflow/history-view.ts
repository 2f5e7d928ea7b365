// What one history row changed, read from the audit log's before / after JSON. Pure: no I/O.
import type { z } from 'zod';
import type { historyRow } from '../../../../src/platform/workflow/schema';

export type HistoryRow = z.infer<typeof historyRow>;

const BOOKKEEPING = new Set(['id', 'created_at', 'updated_at', 'source_id', 'entered_by', 'reverted', 'comment']);
const parse = (s: string | null): Record<string, unknown> | null => {
  if (!s) return null;
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface HistoryChange {
  /** Field by field, what the change wrote (or, for a workflow step, what the draft proposed). */
  diff: { field: string; before: unknown; after: unknown }[];
  /** A workflow step's status, a revert's or step's comment, a verification's mark. */
  status: string | null;
  comment: string | null;
  feedback: string | null;
  requestedAction: string | null;
  /** Whether a reviewer may revert it: a change that wrote the entry. */
  revertible: boolean;
}

/** What one history row changed, read from its before / after JSON. */
export function describeChange(row: HistoryRow): HistoryChange {
  const before = parse(row.before);
  const after = parse(row.after);
  const proposed = after && typeof after.proposed === 'object' && after.proposed ? (after.proposed as Record<string, unknown>) : null;
  const target = row.action.startsWith('draft_') ? proposed : after;
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(target ?? {})])].filter((f) => !BOOKKEEPING.has(f) && (row.action.startsWith('draft_') ? !!proposed && f in proposed : true));
  const diff = row.action === 'verify' ? [] : fields.filter((f) => !same(before?.[f], target?.[f])).map((f) => ({ field: f, before: before?.[f] ?? null, after: target?.[f] ?? null }));
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  return {
    diff,
    status: row.action.startsWith('draft_') ? text(after?.status) : null,
    comment: text(after?.comment),
    feedback: row.action === 'verify' ? text(after?.feedback) : null,
    requestedAction: row.action === 'verify' ? text(after?.requested_action) : null,
    revertible: (row.action === 'update' || row.action === 'revert') && !!before,
  };
}
