// The country brief route for the web app. The type comes from the module's schema.
import { route, useApi, type Envelope } from '../../api';
import type { Brief } from '../../../../src/modules/briefs/schema';

export type { Brief };
export type BriefEnvelope = Envelope<never> & { brief: Brief };

export const briefRequest = (iso3: string) => route('/api/countries/{iso3}/brief', { iso3 });
export const useBrief = (iso3: string | null) => useApi<BriefEnvelope>(iso3 ? briefRequest(iso3) : null);
export const briefPdfUrl = (iso3: string, lang: string) => `/api/countries/${encodeURIComponent(iso3)}/brief.pdf?lang=${encodeURIComponent(lang)}`;
