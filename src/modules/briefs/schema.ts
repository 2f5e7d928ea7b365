import { z } from 'zod';
import { sourceSchema } from '../../platform/http/api.js';

// The country brief as the API answers it: exactly what the printable page and the PDF show.
// Missing stays missing: a value that is not held is null ("no data"), never 0.

const num = z.number().nullable();

export const briefIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  value: num.describe('The economy\'s latest value; empty = no data'),
  year: z.number().int().nullable(),
  median: num.describe('FEALAC median of the same year; empty below PUENTE_MEDIAN_MIN_ECONOMIES economies (not enough data)'),
  n: z.number().int().describe('Economies with a value that year: the n of the median'),
  source_id: z.string().nullable(),
});

export const briefSchema = z.object({
  iso3: z.string(),
  name: z.string().describe('The economy\'s name (English)'),
  names: z.record(z.string(), z.string()).describe('The economy\'s name by language (en es pt zh ja ko)'),
  region: z.string().nullable(),
  made: z.string().describe('The date the brief was made (ISO 8601)'),
  synthetic: z.boolean().describe('true when some figure comes from SYNTHETIC data (then labelled so wherever it shows)'),
  indicators: z.object({
    key: z.array(briefIndicator),
    readiness: z.object({
      year: z.number().int().nullable(),
      window: z.number().int(),
      score: num.describe('Puente readiness index 0-100; empty = not scored (see reason)'),
      rank: z.number().int().nullable().describe('1 = highest, among n scored economies'),
      n: z.number().int(),
      median: num,
      reason: z.string().nullable(),
      components: z.array(z.object({ code: z.string(), name: z.string(), value: num, year: z.number().int().nullable(), normalised: num })),
    }),
    sources: z.array(sourceSchema),
  }),
  marketplaces: z.object({
    top: z.array(z.object({ list: z.string().describe('cloudflare | crux'), domain: z.string(), marketplace: z.string().nullable(), rank: z.number().int().nullable(), bucket: z.number().int().nullable(), month: z.string(), source_id: z.string() })),
    registry: z.number().int().describe('Marketplaces of the registry with a website serving the economy'),
    traffic: z.array(z.object({ marketplace: z.string(), visits: z.number(), months: z.number().int(), synthetic: z.boolean() })),
    traffic_synthetic: z.boolean(),
    sources: z.array(sourceSchema),
  }),
  regulation: z.object({
    framework: z.string().nullable(),
    min_coverage: z.number(),
    pillars: z.array(z.object({ pillar: z.number().int(), name: z.string(), score: num.describe('0 open .. 1 restrictive; empty when coverage is below the gate or nothing is known'), coverage: z.number(), known: z.number().int(), total: z.number().int() })),
    stri: z.object({
      loaded: z.boolean(),
      covered: z.boolean(),
      year: z.number().int().nullable(),
      stri: num,
      rank: z.number().int().nullable(),
      median: num,
      n: z.number().int(),
    }),
    sources: z.array(sourceSchema),
  }),
  facilitation: z.object({
    round: z.number().int().nullable(),
    score: num,
    secondary: z.boolean(),
    fealac: num,
    fealac_n: z.number().int(),
    sources: z.array(sourceSchema),
  }),
  support: z.object({
    count: z.number().int(),
    by_area: z.array(z.object({ area: z.string(), label: z.string(), count: z.number().int() })),
    programmes: z.array(z.object({ programme: z.string(), programme_en: z.string().nullable(), agency: z.string().nullable(), url: z.string().nullable(), as_of: z.string().nullable() })),
    sources: z.array(sourceSchema),
  }),
  contacts: z.object({
    entries: z.array(z.object({ role: z.string(), name_local: z.string(), name_en: z.string().nullable(), url: z.string().nullable(), as_of: z.string().nullable(), change: z.string().nullable() })),
    missing_roles: z.array(z.string()),
    sources: z.array(sourceSchema),
  }),
  tariffs: z.object({
    editions: z.array(z.object({ edition: z.string(), publisher: z.string(), url: z.string(), lines: z.number().int() })),
    links: z.array(z.object({ kind: z.string(), url: z.string(), note: z.string().nullable() })),
    sources: z.array(sourceSchema),
  }),
  /** Parts that could not be read on this server (a module absent): said, not hidden. */
  unavailable: z.array(z.string()),
});

export type Brief = z.infer<typeof briefSchema>;
export type BriefIndicator = z.infer<typeof briefIndicator>;

export const BRIEF_LANGUAGES = ['en', 'es', 'pt', 'zh', 'ja', 'ko'] as const;
export type BriefLanguage = (typeof BRIEF_LANGUAGES)[number];
export const briefPdfQuery = z.object({ lang: z.enum(BRIEF_LANGUAGES).optional().describe('Language of the PDF (default en)') });
