// The Digital STRI routes for the web app: request descriptors (the download menu exports the
// same query) and hooks. Row types come from the module's schema, not from a hand-kept copy.
import { request, useApi, type ApiRequest, type Envelope, type Source } from '../../api';
import type { StriEconomyRow, StriMedian, StriRankingRow, StriRow } from '../../../../src/modules/regulation/stri/schema';

export type { StriEconomyRow, StriRankingRow, StriRow };

export type StriListEnvelope = Envelope<StriRow> & { loaded: boolean; not_covered: string[]; sources: Source[] };
export type StriRankingEnvelope = Envelope<StriRankingRow> & { year: number | null; years: number[]; median: StriMedian; sources: Source[] };
export type StriEconomyEnvelope = Envelope<StriEconomyRow> & { covered: boolean | null; note: string | null; sources: Source[] };

export const striRequest = (q: { country: readonly string[]; area?: string | null }): ApiRequest =>
  request('/regulation/digital-stri', { country: q.country, area: q.area ?? null });
export const useStri = (req: ApiRequest | null) => useApi<StriListEnvelope>(req, true);

export const striRankingRequest = (year: number | null): ApiRequest => request('/regulation/digital-stri/ranking', { year });
export const useStriRanking = (req: ApiRequest | null) => useApi<StriRankingEnvelope>(req, true);

export const striEconomyRequest = (iso3: string): ApiRequest => request(`/regulation/digital-stri/${encodeURIComponent(iso3)}`);
export const useStriEconomy = (req: ApiRequest | null) => useApi<StriEconomyEnvelope>(req, true);
