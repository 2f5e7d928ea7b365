// The editorial workflow for the web app (issue #13): drafts, the review queue, verification
// marks. Shapes come from the platform's workflow schema; every write goes through sendJson.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiUrl, request, type Envelope } from '../../api';
import { sendJson, type Me } from '../../lib/session';
import type { DraftView, Verification } from '../../../../src/platform/workflow/schema';

export type { DraftView, Verification };

async function getJson<T>(path: string): Promise<T> {
  // Revalidated every time (ETag: a 304 costs little): after a write, a reader of this page must
  // not be shown the answer the browser kept from before it.
  const res = await fetch(path, { credentials: 'same-origin', cache: 'no-cache' });
  const data = (await res.json().catch(() => null)) as ({ ok?: boolean; error?: string } & T) | null;
  if (!res.ok || !data) throw new ApiError(data?.error ?? `HTTP ${res.status}`, res.status);
  return data;
}

/** Drafts the signed-in account may see (its own, its economies', or all for a reviewer). */
export function useDrafts(me: Me | null | undefined, filter: { entity?: string; entity_id?: string } = {}) {
  const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
  return useQuery({
    queryKey: ['workflow', 'drafts', qs],
    queryFn: () => getJson<{ rows: DraftView[] }>(`/api/-/drafts${qs ? `?${qs}` : ''}`).then((d) => d.rows),
    enabled: !!me,
  });
}

export function useReviewQueue(enabled: boolean) {
  return useQuery({ queryKey: ['workflow', 'queue'], queryFn: () => getJson<{ rows: DraftView[] }>('/api/-/review-queue').then((d) => d.rows), enabled });
}

export function verificationsRequest(filter: { entity?: string; entity_id?: string; economy?: string }) {
  return request('/-/verifications', { ...filter, latest: 'true' });
}
export function useVerifications(filter: { entity?: string; entity_id?: string; economy?: string }) {
  const req = verificationsRequest(filter);
  return useQuery({ queryKey: ['workflow', 'verifications', apiUrl(req)], queryFn: () => getJson<Envelope<Verification>>(apiUrl(req)) });
}

/** After a write: drafts, the queue and every API answer (the published data may have changed). */
export function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['workflow'] }), client.invalidateQueries({ queryKey: ['api'] })]);
}

export const proposeDraft = (entity: string, entity_id: string, changes: Record<string, unknown>, comment?: string) =>
  sendJson<{ draft: DraftView }>('/api/-/drafts', { entity, entity_id, changes, submit: true, ...(comment ? { comment } : {}) });

export const stepDraft = (id: string, step: 'submit' | 'approve' | 'reject' | 'request-changes' | 'publish' | 'withdraw', comment?: string) =>
  sendJson<{ draft: DraftView }>(`/api/-/drafts/${encodeURIComponent(id)}/${step}`, comment ? { comment } : {});

export const verifyEntry = (body: { entity: string; entity_id: string; feedback: 'Correct' | 'Not correct'; requested_action?: string | null; feedback_full?: string | null; action_date: string }) =>
  sendJson<{ verification: Verification }>('/api/-/verifications', body);

/** Mirrors mayPropose of src/platform/auth/principal.ts (the server decides; this only hides buttons). */
export function mayPropose(me: Me | null | undefined, economy: string | null): boolean {
  if (!me) return false;
  const has = (r: Me['roles'][number]) => me.roles.includes(r) || me.roles.includes('admin');
  if (has('contributor') || has('reviewer')) return true;
  return me.roles.includes('focal_point') && economy != null && me.economies.includes(economy);
}
export function mayVerify(me: Me | null | undefined, economy: string | null): boolean {
  if (!me) return false;
  if (me.roles.includes('admin')) return true;
  return me.roles.includes('focal_point') && economy != null && me.economies.includes(economy);
}
export const isReviewer = (me: Me | null | undefined) => !!me && (me.roles.includes('reviewer') || me.roles.includes('admin'));
