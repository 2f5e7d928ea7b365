// An entry's history (the audit log's rows for it) and the reviewer's revert, for the web app.
// Shapes come from the platform's workflow schema; writes go through sendJson (CSRF).
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError } from '../../api';
import { sendJson } from '../../lib/session';
import type { historyRow } from '../../../../src/platform/workflow/schema';

export type HistoryRow = z.infer<typeof historyRow>;

export const historyPath = (entity: string, id: string) => `/history/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
const apiPath = (entity: string, id: string) => `/api/-/history/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

export function useHistory(entity: string, id: string) {
  return useQuery({
    queryKey: ['workflow', 'history', entity, id],
    queryFn: async () => {
      // Revalidated every time: after a revert the page must not show the answer kept from before.
      const res = await fetch(apiPath(entity, id), { credentials: 'same-origin', cache: 'no-cache' });
      const data = (await res.json().catch(() => null)) as { ok?: boolean; error?: string; rows?: HistoryRow[] } | null;
      if (!res.ok || !data?.rows) throw new ApiError(data?.error ?? `HTTP ${res.status}`, res.status);
      return data.rows;
    },
  });
}

export const revertChange = (entity: string, id: string, auditId: string, comment?: string) =>
  sendJson<{ diff: { field: string; before: unknown; after: unknown }[] }>(`${apiPath(entity, id)}/revert`, { audit_id: auditId, ...(comment ? { comment } : {}) });

/** The entry's public page (the server's EditableDataset.pageOf, for the link back). */
export function entryPage(entity: string, id: string): string | null {
  switch (entity) {
    case 'support_programmes':
      return `/support/programmes/${encodeURIComponent(id)}`;
    case 'directory_entries':
      return `/directory?entry=${encodeURIComponent(id)}`;
    case 'bpa_cases':
      return `/processes/${encodeURIComponent(id)}`;
    case 'tf_statuses':
      return `/facilitation/${encodeURIComponent(id.slice(0, 3))}?measure=${encodeURIComponent(id)}`;
    case 'reg_measures': {
      const iso3 = /^m-([A-Z]{3})-/.exec(id)?.[1];
      return iso3 ? `/regulation/${iso3}?measure=${encodeURIComponent(id)}` : null;
    }
    default:
      return null;
  }
}

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
