import { z } from 'zod';
import { countryList } from '../../platform/http/grammar.js';

// One schema per record drives validation (POST bodies, CSV import), types and the OpenAPI rows.

export const MEASURE_STATUSES = ['in_force', 'pending'] as const;
export const COVERAGES = ['horizontal', 'sector'] as const;
export const CYBERLAW_AREAS = ['Electronic Transactions', 'Consumer Protection', 'Privacy and Data Protection', 'Cybercrime', 'Indirect Taxation'] as const;
export const CYBERLAW_STATUSES = ['Legislation', 'Draft Legislation', 'No Legislation', 'No Data'] as const;
export const DEFAULT_FRAMEWORK = 'rdtii-2.1';
export const ESCAP_ATTRIBUTION = 'ESCAP RDTII 2.1 Regulatory Database';
/** The licence line as the source allows us to state it (SOURCE.md): no terms are stated. */
export const ESCAP_LICENSE = 'ESCAP; terms not stated; attribution';
/** Scores of ESCAP measures as ESCAP recorded them, or with the government verification's corrections. */
export const SCORE_MODES = ['recorded', 'corrected'] as const;
export type ScoreMode = (typeof SCORE_MODES)[number];
export const DEFAULT_SCORE_MODE: ScoreMode = 'recorded';
export const scoresParam = z
  .enum(SCORE_MODES)
  .optional()
  .describe('ESCAP measure scores `recorded` (default, as in ESCAP\'s database) or `corrected` (with the government verification\'s corrections)');
export const REFORM_GOALS = ['partners', 'best_practice', 'average'] as const;

const iso3 = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166 alpha-3 code such as PER')
  .transform((s) => s.toUpperCase());
const indicatorId = z.string().regex(/^\d{1,2}(\.\d{1,2}){1,2}$/, 'must be a framework indicator id such as 12.5 or 12.4.3');
const text = (max = 20_000) => z.string().trim().max(max);
const optionalText = (max = 20_000) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s.trim()));
const isoDateText = z
  .string()
  .nullish()
  .transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s.trim()))
  .refine((s) => s === null || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s), 'must be a date YYYY, YYYY-MM or YYYY-MM-DD');

/** URLs arrive as a JSON array or as text separated by spaces or "; " (the CSV form). */
export const urlList = z
  .union([z.array(z.string()), z.string(), z.null()])
  .optional()
  .transform((v) => {
    if (v === undefined || v === null) return [] as string[];
    const list = Array.isArray(v) ? v : v.split(/;?\s+|;$/);
    return list.map((u) => u.trim()).filter(Boolean);
  })
  .refine((list) => list.every((u) => /^https?:\/\/\S+$/.test(u)), 'every URL must start with http:// or https://');

// The fields without defaults: a patch or a partial body must not fill in defaults it was not given.
const measureFields = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'must be letters, digits, . _ - (at most 80)').optional(),
    iso3,
    framework_version: z.string().regex(/^[a-z0-9]+-[0-9.]+$/, 'must be a framework id and version such as rdtii-2.1'),
    indicator_id: indicatorId,
    category_id: optionalText(40),
    title: text(1000).min(1, 'is required (law or act title)'),
    coverage: z.enum(COVERAGES),
    description: optionalText(),
    articles: optionalText(2000),
    in_force_since: isoDateText,
    amended: isoDateText,
    urls: urlList,
    status: z.enum(MEASURE_STATUSES),
    source_type: optionalText(200),
    verification_feedback: optionalText(),
    verification_action: optionalText(2000),
    verification_date: isoDateText,
    source_id: optionalText(80),
    // An exported record reads back in: the bookkeeping fields are accepted and ignored.
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
  })
  .strict();

/** What a client sends to create a measure (and what a CSV row of measures holds). */
export const measureInput = measureFields.extend({
  framework_version: measureFields.shape.framework_version.default(DEFAULT_FRAMEWORK),
  status: measureFields.shape.status.default('in_force'),
});
export type MeasureInput = z.infer<typeof measureInput>;

/** An update names only the fields it changes. */
export const measurePatch = measureFields.omit({ id: true, created_at: true, updated_at: true }).partial().strict();

/** POST /api/regulation/measures: one measure, or `{"measures": [...]}` (the JSON export's rows) to import many. */
export const measureCreateBody = measureFields.partial().extend({ measures: z.array(z.unknown()).min(1).max(20_000).optional() });

export const measureRow = z.object({
  id: z.string(),
  iso3: z.string().describe('Economy (ISO3)'),
  framework_version: z.string().describe('Framework and version the indicator and category refer to, e.g. rdtii-2.1'),
  indicator_id: z.string().describe('Framework indicator, e.g. 12.5'),
  category_id: z.string().nullable().describe('Framework category (answer) of the indicator; empty when not assessed'),
  title: z.string().describe('Law or act title'),
  coverage: z.enum(COVERAGES).describe('horizontal (economy-wide) or sector'),
  description: z.string().nullable(),
  articles: z.string().nullable().describe('Articles concerned'),
  in_force_since: z.string().nullable(),
  amended: z.string().nullable(),
  urls: z.array(z.string()).describe('Links to the text ("; "-separated in CSV)'),
  status: z.enum(MEASURE_STATUSES).describe('in_force or pending (pending is recorded, never scored)'),
  source_type: z.string().nullable().describe('Kind of source, e.g. official gazette, DTRA, cyberlaw tracker'),
  verification_feedback: z.string().nullable().describe('Government focal point feedback'),
  verification_action: z.string().nullable().describe('Action taken on the feedback'),
  verification_date: z.string().nullable(),
  source_id: z.string().nullable().describe('Source record (see sources)'),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Measure = z.infer<typeof measureRow>;

export const measuresQuery = z.object({
  economy: countryList.optional(),
  indicator: z
    .string()
    .transform((s) => s.split('~').filter(Boolean))
    .pipe(z.array(indicatorId).min(1))
    .optional()
    .describe('Indicator ids separated by ~, e.g. 12.5~6.1'),
  status: z.enum(MEASURE_STATUSES).optional(),
});

export const auditRow = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string().describe('create | update | delete | import'),
  entity: z.string(),
  entity_id: z.string(),
  before: z.string().nullable().describe('JSON of the record before the write (empty on create)'),
  after: z.string().nullable().describe('JSON of the record after the write (empty on delete)'),
});

export const auditQuery = z.object({
  entity_id: z.string().max(80).optional(),
  actor: z.string().max(200).optional(),
});

export const frameworkRow = z.object({
  id: z.string(),
  version: z.string(),
  loaded_at: z.string(),
  name: z.string().nullable(),
  pillars: z.number().int(),
  indicators: z.number().int(),
});

export const cyberlawRow = z.object({
  iso3: z.string(),
  area: z.string(),
  status: z.enum(CYBERLAW_STATUSES).describe('As the UNCTAD Global Cyberlaw Tracker gives it'),
  score: z.number().nullable().describe('Observatory score: Legislation 1, Draft 0.5, No Legislation 0, No Data empty'),
  flagged: z.string().nullable().describe('Known doubt about the source value (shown as the source gives it, not fixed)'),
  laws: z.array(z.string()).describe('Titles of the laws the tracker links ("; "-separated in CSV)'),
  law_urls: z.array(z.string()),
  source_id: z.string(),
});

export const cyberlawQuery = z.object({
  economy: countryList.optional(),
  area: z.enum(CYBERLAW_AREAS).optional(),
  status: z.enum(CYBERLAW_STATUSES).optional(),
});

export const treatyRow = z.object({
  iso3: z.string(),
  instrument: z.string(),
  status: z.string().describe('unknown = not confirmed (not "no")'),
  date: z.string().nullable(),
  source_url: z.string().nullable(),
  source_date: z.string().nullable(),
  notes: z.string().nullable(),
  source_id: z.string(),
});

export const treatyQuery = z.object({
  economy: countryList.optional(),
  instrument: z.string().regex(/^[a-z0-9_~]+$/).transform((s) => s.split('~').filter(Boolean)).optional().describe('Instruments separated by ~'),
});

export const deMinimisRow = z.object({
  iso3: z.string(),
  kind: z.string().describe('duty | tax | both'),
  amount: z.string().describe('As the source gives it; "none" = no threshold'),
  amount_value: z.number().nullable(),
  currency: z.string().nullable(),
  usd_approx: z.number().nullable().describe('USD figure where the source gives one (no FX conversion)'),
  basis: z.string().nullable(),
  channel: z.string().nullable(),
  effective_from: z.string().nullable(),
  source_type: z.string().nullable(),
  source_url: z.string().nullable(),
  source_date: z.string().nullable(),
  notes: z.string().nullable(),
  source_id: z.string(),
});

export const deMinimisQuery = z.object({
  economy: countryList.optional(),
  kind: z.enum(['duty', 'tax', 'both']).optional(),
});

const economyList = (label: string, min: number) =>
  countryList.refine((l) => l.length >= min, `give at least ${min} economies (${label})`);

export const compareQuery = z.object({
  economies: economyList('e.g. economies=PER~CHL~MEX', 2).describe('Economies to compare, ISO3 separated by ~ (at least 2)'),
  framework: z.string().optional().describe('Framework id-version (default rdtii-2.1)'),
  scores: scoresParam,
});

export const pairQuery = z.object({
  a: iso3.describe('First economy'),
  b: iso3.describe('Second economy'),
  framework: z.string().optional(),
  scores: scoresParam,
});

const editItem = /^(\d{1,2}(?:\.\d{1,2}){1,2}):([A-Za-z0-9_.-]+)$/;
export const simulateQuery = z.object({
  economy: iso3.describe('Economy whose answers are copied and edited'),
  partners: economyList('e.g. partners=CHL~MEX~COL', 1).describe('Partner economies the distances are measured to'),
  edit: z
    .string()
    .transform((s, ctx) => {
      const out: { indicator_id: string; category_id: string }[] = [];
      for (const part of s.split('~').filter(Boolean)) {
        const m = editItem.exec(part);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not INDICATOR:CATEGORY (e.g. 12.5:c0)` });
          return z.NEVER;
        }
        out.push({ indicator_id: m[1], category_id: m[2] });
      }
      return out;
    })
    .optional()
    .describe('Edits INDICATOR:CATEGORY separated by ~'),
  framework: z.string().optional(),
  scores: scoresParam,
  goal: z
    .enum(REFORM_GOALS)
    .optional()
    .describe('partners (default: closer to the partners), best_practice (toward the least restrictive partner answer), average (toward the regional average of the economies with enough coverage)'),
  order: z.enum(['liberalising_first', 'gain']).optional().describe('liberalising_first (default): no reform that raises restrictiveness ranks above one that lowers it; gain: by the goal alone'),
});

/** One indicator's answer for an economy, whichever way it is known. */
export const answerRow = z.object({
  iso3: z.string(),
  pillar: z.number().int(),
  indicator_id: z.string(),
  indicator: z.string().describe('Indicator name'),
  non_regulatory: z.boolean(),
  category_id: z.string().nullable().describe('Answer (framework category); empty = unknown'),
  category: z.string().nullable().describe('The category\'s criterion'),
  score: z.number().nullable().describe('0 = simplified ... 1 = heavily regulated; empty = unknown (not 0)'),
  basis: z.enum(['measures', 'escap', 'derived', 'unknown']).describe('measures: from in-force measure records; escap: from ESCAP RDTII 2.1 measures; derived: from treaties, de minimis or the cyberlaw tracker'),
  explanation: z.string().nullable(),
  measures: z.array(z.string()).describe('Ids of the in-force measures scored'),
  pending: z.array(z.string()).describe('Ids of pending measures (recorded, not scored)'),
  source_ids: z.array(z.string()),
  disputed: z.array(z.string()).describe('ESCAP measures of the indicator its government marked "Not correct"'),
  set_aside: z.array(z.string()).describe('ESCAP measures set aside in this score mode (disputed, no decision recorded)'),
});

export const escapMeasureRow = z.object({
  id: z.string(),
  iso3: z.string(),
  framework_version: z.string(),
  pillar: z.number().int(),
  indicator_id: z.string().describe('Framework indicator (ESCAP 4.1 = 4.10, 12.01 = 12.1)'),
  indicator_id_source: z.string().describe('Indicator id as ESCAP wrote it'),
  category_id: z.string().describe('The category the measure\'s score identifies'),
  raw_score: z.number().describe('ESCAP\'s score of this measure (not the indicator\'s score)'),
  act_or_practice: z.string(),
  coverage: z.string().nullable(),
  impact: z.string().nullable(),
  timeframe: z.string().nullable(),
  urls: z.array(z.string()),
  note: z.string().nullable(),
  note_internal: z.string().nullable(),
  gov_feedback: z.string().nullable().describe('Government verification: Correct | Not correct'),
  gov_feedback_full: z.string().nullable(),
  gov_action: z.string().nullable().describe('What ESCAP did about the feedback (the change asked for)'),
  gov_question: z.string().nullable().describe('Open question from the government (Lao PDR)'),
  correction: z.enum(['kept', 'changed', 'set_aside']).nullable(),
  corrected_score: z.number().nullable().describe('Score with the government\'s corrections; empty = set aside'),
  workbook: z.string(),
  sheet: z.string(),
  sheet_row: z.number().int(),
  edition: z.string().nullable(),
  source_id: z.string(),
});
export type EscapMeasureRow = z.infer<typeof escapMeasureRow>;

export const escapMeasuresQuery = z.object({
  economy: countryList.optional(),
  indicator: z
    .string()
    .transform((s) => s.split('~').filter(Boolean))
    .pipe(z.array(indicatorId).min(1))
    .optional()
    .describe('Indicator ids separated by ~'),
  feedback: z.enum(['Correct', 'Not correct']).optional().describe('Government verification feedback'),
});

export const legalInventoryRow = z.object({
  iso3: z.string(),
  seq: z.number().int().describe('Order within the economy, as in ESCAP\'s file'),
  pillar: z.number().int(),
  indicator_id: z.string(),
  indicator_label: z.string(),
  cluster: z.string().nullable(),
  act_or_practice: z.string(),
  coverage: z.string().nullable(),
  coverage_type: z.string().nullable(),
  timeframe: z.string().nullable(),
  reference_url: z.string().nullable(),
  source_id: z.string(),
});

export const legalInventoryQuery = z.object({
  economy: countryList.optional(),
  indicator: z
    .string()
    .transform((s) => s.split('~').filter(Boolean))
    .pipe(z.array(indicatorId).min(1))
    .optional()
    .describe('Indicator ids separated by ~'),
});

/** The fields of a measure record a steward may correct through the editorial workflow (economy, framework, indicator and category are fixed: changing them is another measure). */
export const MEASURE_EDITABLE = ['title', 'coverage', 'status', 'description', 'articles', 'in_force_since', 'amended', 'urls', 'source_type'] as const;
/** A whole proposed measure (the editable fields), checked by the server and the web form. */
export const measureEdit = measureFields.pick({ title: true, coverage: true, status: true, description: true, articles: true, in_force_since: true, amended: true, urls: true, source_type: true }).required({ title: true, coverage: true, status: true });
