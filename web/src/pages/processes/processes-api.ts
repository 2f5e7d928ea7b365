// The business-process analysis routes for the web app: request descriptors (the download menu
// exports the same query), read hooks, and the editor's writes (token-protected, audited by the
// server). Row and document types come from the module's schema, not from a hand-kept copy.
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { request, useApi, type ApiRequest, type Envelope, type Source } from '../../api';
import type {
  AnalysisOut,
  BenchmarkRow,
  BottleneckRow,
  BpaCase,
  CaseRow,
  DeltaOut,
  DocumentRow,
  StepRow,
} from '../../../../src/modules/processes/schema';

export type { AnalysisOut, BenchmarkRow, BottleneckRow, BpaCase, CaseRow, DeltaOut, DocumentRow, StepRow };

export type CasesEnvelope = Envelope<CaseRow> & { sources: Source[] };
export type CaseEnvelope = Envelope<StepRow> & {
  case: BpaCase;
  analysis: AnalysisOut;
  benchmark: BenchmarkRow[];
  baseline: { id: string; title: string | null; found: boolean; deltas: DeltaOut[]; removed_steps: string[]; added_steps: string[] } | null;
  to_be: string[];
  sources: Source[];
};

const casePath = (id: string) => `/processes/cases/${encodeURIComponent(id)}`;
export const casesRequest = (): ApiRequest => request('/processes/cases');
export const useCases = () => useApi<CasesEnvelope>(casesRequest(), true);
export const caseRequest = (id: string): ApiRequest => request(casePath(id));
export const useCase = (id: string) => useApi<CaseEnvelope>(caseRequest(id), true);
export const documentsRequest = (id: string): ApiRequest => request(`${casePath(id)}/documents`);
export const useDocuments = (id: string) => useApi<Envelope<DocumentRow> & { sources: Source[] }>(documentsRequest(id), true);
export const bottlenecksRequest = (id: string): ApiRequest => request(`${casePath(id)}/bottlenecks`);
export const useBottlenecks = (id: string) => useApi<Envelope<BottleneckRow> & { sources: Source[] }>(bottlenecksRequest(id), true);

// ---------------------------------------------------------------- writes

const TOKEN_KEY = 'puente.editorToken';

/** The editor token, kept for this browser tab only (sessionStorage), shared by every field that shows it. */
let memoryToken: string | null = null;
const listeners = new Set<() => void>();
function readToken(): string {
  if (memoryToken !== null) return memoryToken;
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}
function writeToken(t: string): void {
  memoryToken = t;
  try {
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the token lives in memory only
  }
  for (const l of listeners) l();
}
function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useEditorToken(): [string, (t: string) => void] {
  const token = useSyncExternalStore(subscribe, readToken, () => '');
  return [token, writeToken];
}

export class WriteError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function post<T>(path: string, body: unknown, token: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  } catch {
    throw new WriteError('network', 0);
  }
  const json = (await res.json().catch(() => null)) as { ok?: boolean; error?: string } | null;
  if (!res.ok || !json?.ok) throw new WriteError(json?.error ?? res.statusText, res.status);
  return json as T;
}

/** The editor's writes; each refreshes every processes view after it lands. */
export function useCaseWrites(token: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ predicate: (q) => String(q.queryKey[1] ?? '').startsWith('/api/processes') });
  const run = async <T,>(path: string, body: unknown): Promise<T> => {
    const out = await post<T>(path, body, token);
    await refresh();
    return out;
  };
  return {
    create: (c: unknown) => run<{ case: BpaCase }>('/processes/cases', c),
    replace: (c: BpaCase) => run<{ case: BpaCase }>(casePath(c.id), c),
    importCsv: (id: string, csv: string) => run<{ case: BpaCase }>(`${casePath(id)}/steps`, { csv }),
    copy: (id: string, newId: string, title?: string) => run<{ case: BpaCase }>(`${casePath(id)}/copy`, { id: newId, ...(title ? { title } : {}) }),
    remove: (id: string) => run<{ deleted: BpaCase }>(`${casePath(id)}/delete`, {}),
  };
}
