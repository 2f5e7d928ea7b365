// The tariffs routes for the web app: request descriptors (the download menu exports the same
// query) and hooks. Shapes come from the module's schema.
import { route, useApi, type ApiRequest, type Envelope, type Source } from '../../api';
import type { AnswerLine, ParsedRate, ScheduleInfo } from '../../../../src/modules/tariffs/schema';

export type { AnswerLine, ParsedRate, ScheduleInfo };

export type TariffEnvelope = Envelope<Record<string, unknown>> & {
  destination: string;
  origin: string | null;
  date: string | null;
  schedule: ScheduleInfo | null;
  message: string | null;
  reason: 'no_schedule' | 'no_edition' | 'no_line' | null;
  official_link: { iso3: string; kind: string; url: string; note: string | null } | null;
  agency: { name: string; url: string | null } | null;
  lines: AnswerLine[];
  lines_truncated: boolean;
  sources?: Source[];
};

export interface AgreementRow {
  destination: string;
  column: string;
  kind: string;
  name_en: string;
  name_es: string;
  parties: string[];
  source: string | null;
  note: string | null;
}

export interface EditionRow {
  id: string;
  destination: string;
  edition: string;
  publisher: string;
  url: string;
  licence: string;
  lines: number;
  chapters: number;
}

export interface TariffQuery {
  destination: string;
  hs: string;
  origin?: string | null;
  value?: number | null;
  currency?: string | null;
  date?: string | null;
}

export function tariffRequest(q: TariffQuery): ApiRequest {
  return route('/api/tariffs/{iso3}/{hs}', { iso3: q.destination, hs: q.hs }, { origin: q.origin ?? undefined, value: q.value ?? undefined, currency: q.value != null ? (q.currency ?? undefined) : undefined, date: q.date ?? undefined });
}
export const agreementsRequest = (destination: string) => route('/api/tariffs/agreements', {}, { destination });
export const editionsRequest = () => route('/api/tariffs/editions', {});

export const useTariff = (req: ApiRequest | null) => useApi<TariffEnvelope>(req, true);
export const useAgreements = (destination: string | null) => useApi<Envelope<AgreementRow>>(destination ? agreementsRequest(destination) : null);
export const useEditions = () => useApi<Envelope<EditionRow> & { sources?: Source[] }>(editionsRequest());
