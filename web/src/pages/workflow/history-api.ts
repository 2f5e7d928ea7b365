// An entry's history (the audit log's rows for it) and the reviewer's revert, for the web app.
// Shapes come from the platform's workflow schema; writes go through sendJson (CSRF).
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api';
import { sendJson } from '../../lib/session';
import type { HistoryRow } from './history-view';

export type { HistoryRow };

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

export { describeChange, type HistoryChange } from './history-view';
