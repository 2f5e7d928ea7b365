// Every control writes to the query string, so a shared link reopens the same view.
import { useCallback } from 'react';
import { useLocation, useNavigate, type To } from 'react-router';
import { LANG_PARAM } from './languages';
import { patchParams, toQueryString, type QueryPatch } from './query-string';

export interface UrlState {
  params: URLSearchParams;
  get(key: string): string | null;
  /** Patch the query string. `push` adds a history entry (default: replace, for sliders and typing). */
  set(patch: QueryPatch, opts?: { push?: boolean }): void;
}

export function useUrlState(): UrlState {
  const location = useLocation();
  const navigate = useNavigate();
  const params = new URLSearchParams(location.search);
  const set = useCallback(
    (patch: QueryPatch, opts: { push?: boolean } = {}) => {
      // Read the live URL so two quick updates don't overwrite each other.
      const current = new URLSearchParams(window.location.search);
      const next = patchParams(current, patch);
      // Keep the language last, where people expect it.
      const lang = next.get(LANG_PARAM);
      if (lang) {
        next.delete(LANG_PARAM);
        next.set(LANG_PARAM, lang);
      }
      navigate({ pathname: window.location.pathname, search: toQueryString(next), hash: '' }, { replace: !opts.push, preventScrollReset: true });
    },
    [navigate],
  );
  return { params, get: (k) => params.get(k), set };
}

/** Add the current `?lang=` to an internal link so the choice survives navigation. */
export function withLang(to: string, search: string): To {
  const lang = new URLSearchParams(search).get(LANG_PARAM);
  if (!lang) return to;
  const [pathname, query = ''] = to.split('?');
  const params = new URLSearchParams(query);
  params.set(LANG_PARAM, lang);
  return { pathname, search: toQueryString(params) };
}
