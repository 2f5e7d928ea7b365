// The web app's side of accounts (issue #13): who is signed in, and writes that carry the
// session cookie with the CSRF token. Every page that writes uses `sendJson`.
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api';

export interface Me {
  via: 'session' | 'token' | 'legacy';
  name: string;
  roles: Array<'contributor' | 'focal_point' | 'reviewer' | 'admin'>;
  economies: string[];
}

/** The signed-in account, or null for an anonymous reader. */
export function useMe() {
  return useQuery({
    queryKey: ['auth', 'me'],
    queryFn: async (): Promise<Me | null> => {
      const res = await fetch('/api/-/auth/me', { credentials: 'same-origin' });
      if (!res.ok) return null;
      return ((await res.json()) as { principal: Me | null }).principal;
    },
    staleTime: 60_000,
  });
}

/** The double-submit CSRF token: the server sets the readable cookie `puente_csrf` at sign-in. */
export function csrfToken(): string | null {
  const m = /(?:^|;\s*)puente_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : null;
}

/** A state-changing request from the browser: session cookie + `X-CSRF-Token`; JSON in and out. */
export async function sendJson<T>(path: string, body: unknown, method: 'POST' | 'PUT' | 'DELETE' = 'POST'): Promise<T> {
  const token = csrfToken();
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as ({ ok?: boolean; error?: string; errors?: string[] } & T) | null;
  if (!res.ok || !data || data.ok === false) throw new ApiError(data?.error ?? `HTTP ${res.status}`, res.status, data?.errors ?? []);
  return data;
}
