// The support and directory routes for the web app: request descriptors (the download menu
// exports the same query) and hooks. Row types come from the modules' schemas.
import { useQuery } from '@tanstack/react-query';
import { request, useApi, type ApiRequest, type Envelope, type Source } from '../../api';
import type { Programme } from '../../../../src/modules/support/schema';
import type { Entry } from '../../../../src/modules/directory/schema';

export type { Programme, Entry };

export interface VocabRow {
  kind: string;
  code: string;
  name_en: string;
  name_es: string;
  areas: string[];
  programmes: number;
}
export interface GapRow {
  code: string;
  kind: 'type' | 'target';
  peers_with: number;
  peers_total: number;
  peers: string[];
  programme_ids: string[];
  programme_names: string[];
}
export interface SimilarityRow {
  peer: string;
  jaccard: number | null;
  shared: string[];
  home_only: string[];
  peer_only: string[];
}
export type MatrixRow = { iso3: string; name_en: string; role: 'home' | 'peer'; programmes: number } & Record<string, number | string>;
export interface UnplacedRow {
  kind: 'type' | 'target';
  term: string;
  reason: 'reviewed' | 'not_in_mapping';
  programmes: number;
  ids: string[];
}
export type CoverageRow = { iso3: string; name_en: string; roles_covered: number; core_missing: string[] } & Record<string, number | string | string[]>;

export type ProgrammesEnvelope = Envelope<Programme> & { sources?: Source[] };
export type ProgrammeEnvelope = Envelope<Programme> & { programme: Programme; sources?: Source[] };
export type VocabEnvelope = Envelope<VocabRow> & { version: string; mapping_version: string; mapping_note: string };
export type GapsEnvelope = Envelope<GapRow> & { economy: string; peer_group: string; peers: string[]; k: number; by: string; target: string[]; home_codes: string[]; home_programmes: number; sources?: Source[] };
export type SimilarityEnvelope = Envelope<SimilarityRow> & { economy: string; peer_group: string; by: string; sources?: Source[] };
export type MatrixEnvelope = Envelope<MatrixRow> & { codes: string[]; peer_group: string; peers: string[]; sources?: Source[] };
export type EntriesEnvelope = Envelope<Entry> & { sources?: Source[] };
export type CoverageEnvelope = Envelope<CoverageRow> & { roles: string[]; sources?: Source[] };

export interface ProgrammeQuery {
  economy?: string | null;
  type?: string | null;
  target?: string | null;
  area?: string | null;
  border?: string | null;
  ecommerce?: string | null;
  q?: string | null;
}
export const programmesRequest = (q: ProgrammeQuery): ApiRequest => request('/support/programmes', { ...q });
export const usePrograms = (req: ApiRequest | null) => useApi<ProgrammesEnvelope>(req, true);
export const programmeRequest = (id: string): ApiRequest => request(`/support/programmes/${encodeURIComponent(id)}`);
export const useProgramme = (req: ApiRequest | null) => useApi<ProgrammeEnvelope>(req);
export const vocabRequest = (): ApiRequest => request('/support/vocabulary');
export const useVocab = () => useApi<VocabEnvelope>(vocabRequest());
export const unplacedRequest = (): ApiRequest => request('/support/unplaced');
export const useUnplaced = () => useApi<Envelope<UnplacedRow>>(unplacedRequest());

export interface PeerQuery {
  peers: string;
  country: readonly string[];
  by: 'type' | 'target';
  k?: number | null;
  target: readonly string[];
}
const peerParams = (q: PeerQuery) => ({ peers: q.peers, country: q.peers === 'list' ? q.country : null, target: q.target.length ? q.target : null });
export const gapsRequest = (iso3: string, q: PeerQuery): ApiRequest => request(`/support/gaps/${encodeURIComponent(iso3)}`, { ...peerParams(q), by: q.by === 'type' ? null : q.by, k: q.k ?? null });
export const useGaps = (req: ApiRequest | null) => useApi<GapsEnvelope>(req, true);
export const similarityRequest = (iso3: string, q: PeerQuery): ApiRequest => request(`/support/similarity/${encodeURIComponent(iso3)}`, { ...peerParams(q), by: q.by === 'type' ? null : q.by });
export const useSimilarity = (req: ApiRequest | null) => useApi<SimilarityEnvelope>(req, true);
export const matrixRequest = (iso3: string, q: PeerQuery): ApiRequest => request(`/support/matrix/${q.by}s`, { economy: iso3, ...peerParams(q) });
export const useMatrix = (req: ApiRequest | null) => useApi<MatrixEnvelope>(req, true);

export const entriesRequest = (q: { economy?: string | null; role?: string | null }): ApiRequest => request('/directory/entries', { economy: q.economy ?? null, role: q.role ?? null });
export const useEntries = (req: ApiRequest | null) => useApi<EntriesEnvelope>(req, true);
export const coverageRequest = (): ApiRequest => request('/directory/coverage');
export const useCoverage = () => useApi<CoverageEnvelope>(coverageRequest());

/** The vCard text of the same entries, fetched when the user asks for it. */
export function useVcard(economy: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['vcard', economy],
    enabled,
    queryFn: async () => {
      const res = await fetch(`/api/directory/vcard${economy ? `?economy=${encodeURIComponent(economy)}` : ''}`, { headers: { accept: 'application/json' } });
      const body = (await res.json()) as { ok: boolean; vcard: string; filename: string; count: number };
      if (!body.ok) throw new Error('vcard');
      return body;
    },
  });
}

/** Downloads text as a file (the vCard comes from the API as JSON text). */
export function saveText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
