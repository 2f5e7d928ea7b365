// The accounts API as the web app calls it: reads with the session cookie, writes with sendJson
// (session cookie + X-CSRF-Token). Shapes come from the server's zod schemas.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditRowSchema, tokenSchema, userSchema } from '../../../../src/platform/auth/schema';
import { ApiError } from '../../api';
import { sendJson } from '../../lib/session';

export type Token = z.infer<typeof tokenSchema>;
export type User = z.infer<typeof userSchema>;
export type AuditRow = z.infer<typeof auditRowSchema>;

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as ({ ok?: boolean; error?: string; errors?: string[] } & T) | null;
  if (!res.ok || !body || body.ok === false) throw new ApiError(body?.error ?? `HTTP ${res.status}`, res.status, body?.errors ?? []);
  return body;
}

export const useTokens = (enabled: boolean) => useQuery({ queryKey: ['account', 'tokens'], queryFn: () => getJson<{ rows: Token[] }>('/api/-/account/tokens'), enabled });
export const useUsers = (enabled: boolean) => useQuery({ queryKey: ['account', 'users'], queryFn: () => getJson<{ rows: User[] }>('/api/-/admin/users'), enabled });
export const useAudit = (query: string, enabled: boolean) =>
  useQuery({ queryKey: ['account', 'audit', query], queryFn: () => getJson<{ rows: AuditRow[] }>(`/api/-/admin/audit${query}`), enabled });

export function useRefresh() {
  const client = useQueryClient();
  return (key: string) => client.invalidateQueries({ queryKey: ['account', key] });
}

export function useSignedIn() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['auth', 'me'] });
}

export { sendJson };
