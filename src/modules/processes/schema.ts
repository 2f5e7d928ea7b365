import { z } from 'zod';

// The BPA case (bpa.md §5, after UNNExT TPAD and Buy-Ship-Pay): a case has procedures in a
// Buy / Ship / Pay area, a procedure has steps, a step has actors, documents in and out, time
// min / avg / max, costs with their currency, one-time or per-shipment, its predecessors and the
// source of its values. Unknown stays null: it is never summed as zero.

export const AREAS = ['BUY', 'SHIP', 'PAY'] as const;
export const CHANNELS = ['CONTAINER_SEA', 'AIR_CARGO', 'ROAD', 'EXPRESS_COURIER', 'POSTAL', 'PLATFORM_FULFILMENT', 'OVERSEAS_WAREHOUSE', 'ANY'] as const;
export const LABELS = ['PARTIAL', 'SYNTHETIC', 'COMPLETE'] as const;
export const STATUSES = ['AS_IS', 'TO_BE'] as const;

const id = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'is not an id (letters, digits, . _ -, at most 80)');
const text = (max = 2000) => z.string().trim().min(1).max(max);
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 3166 alpha-3 code');

export const timeSchema = z.object({
  min: z.number().nonnegative().nullable().default(null),
  avg: z.number().nonnegative().nullable().default(null),
  max: z.number().nonnegative().nullable().default(null),
  unit: z.enum(['HOUR', 'DAY']).default('DAY'),
  /** The source's own words when it gives no number (e.g. "24–48 working hours"): kept, not converted. */
  text: z.string().max(500).nullable().default(null),
});

export const costSchema = z.object({
  amount: z.number().nonnegative().nullable().describe('null: not stated (unknown, never zero)'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 code').nullable().default(null),
  /** The source's own words (e.g. "US$17.50 + 13% IVA", "by weight (table not read)"). */
  text: z.string().max(500).nullable().default(null),
});

export const documentRefSchema = z.object({
  name: text(300),
  /** IN (the step needs it), OUT (the step produces it), null (the source does not say). */
  direction: z.enum(['IN', 'OUT']).nullable().default(null),
  paper: z.boolean().nullable().default(null),
});

export const stepSchema = z.object({
  id,
  name: text(1000),
  /** Who does it: the first is responsible (its swimlane); the rest take part. */
  actors: z.array(text(300)).default([]),
  documents: z.array(documentRefSchema).default([]),
  time: timeSchema.default({ min: null, avg: null, max: null, unit: 'DAY', text: null }),
  /** null: the source states no cost (unknown, never zero); amount 0 is a stated zero. */
  cost: costSchema.nullable().default(null),
  /** true: paid or done once (registration); false: every shipment; null: not stated (counted per shipment). */
  oneTime: z.boolean().nullable().default(null),
  /** Steps that must finish first; null: not stated (the previous step in order). */
  predecessors: z.array(id).nullable().default(null),
  physicalVisit: z.boolean().nullable().default(null),
  source: z.string().max(1000).nullable().default(null),
  notes: z.string().max(2000).nullable().default(null),
});

export const procedureSchema = z.object({
  id,
  name: text(1000),
  /** null: the source does not say which Buy-Ship-Pay area. */
  area: z.enum(AREAS).nullable().default(null),
  subArea: z.string().max(200).nullable().default(null),
  steps: z.array(stepSchema).default([]),
});

export const sourceRefSchema = z.object({
  url: z.string().max(1000).nullable().default(null),
  title: z.string().max(1000).nullable().default(null),
});

export const caseSchema = z.object({
  id,
  title: text(500),
  exporter: iso3.nullable().default(null),
  importer: iso3.nullable().default(null),
  product: z.string().max(500).nullable().default(null),
  hs: z.array(z.string().regex(/^[0-9.]{2,12}$/, 'is not an HS code')).default([]),
  channel: z.enum(CHANNELS).nullable().default(null),
  /** The source's own channel wording. */
  channelText: z.string().max(500).nullable().default(null),
  status: z.enum(STATUSES).default('AS_IS'),
  baselineCaseId: id.nullable().default(null),
  label: z.enum(LABELS).default('PARTIAL'),
  completeness: z.string().max(2000).nullable().default(null),
  /** When the values were collected or published (YYYY, YYYY-MM or YYYY-MM-DD); costs convert at this date. */
  asOf: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'is not a date (YYYY, YYYY-MM or YYYY-MM-DD)').nullable().default(null),
  asOfText: z.string().max(500).nullable().default(null),
  /** Hours in a day for HOUR times: 24 (calendar) or 8 (the study counts working days). */
  hoursPerDay: z.union([z.literal(24), z.literal(8)]).default(24),
  shipmentValueUsd: z.number().positive().nullable().default(null),
  procedures: z.array(procedureSchema).default([]),
  sources: z.array(sourceRefSchema).default([]),
  notes: z.string().max(4000).nullable().default(null),
}).strict();

export type BpaCase = z.infer<typeof caseSchema>;
export type Procedure = z.infer<typeof procedureSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Area = (typeof AREAS)[number];
export type CaseLabel = (typeof LABELS)[number];

// ---------------------------------------------------------------- API rows

export const caseRow = z.object({
  id: z.string(),
  title: z.string(),
  label: z.enum(LABELS).describe('PARTIAL: the source gives only part of the process; SYNTHETIC: invented (tests, training)'),
  status: z.enum(STATUSES),
  baseline_case_id: z.string().nullable(),
  exporter: z.string().nullable(),
  importer: z.string().nullable(),
  channel: z.string().nullable(),
  procedures: z.number().int(),
  steps: z.number().int(),
  actors: z.number().int(),
  documents: z.number().int(),
  elapsed_days: z.number().nullable().describe('Critical path through the dependencies; empty when a step time is unknown'),
  sum_days: z.number().nullable().describe('Plain sum of the step times; empty when one is unknown'),
  cost_usd: z.number().nullable().describe('Per-shipment cost in US$ at dated rates; empty when a cost or rate is unknown'),
  incomplete: z.string().nullable().describe('Which totals are incomplete and why'),
  updated_at: z.string(),
});

export const stepRow = z.object({
  case_id: z.string(),
  label: z.enum(LABELS),
  procedure_id: z.string(),
  procedure: z.string(),
  area: z.string().nullable(),
  step_id: z.string(),
  seq: z.number().int(),
  step: z.string(),
  actors: z.string().describe('"; "-separated; the first is responsible'),
  documents_in: z.string(),
  documents_out: z.string(),
  documents: z.string().describe('Documents whose direction the source does not state'),
  time_min: z.number().nullable(),
  time_avg: z.number().nullable(),
  time_max: z.number().nullable(),
  time_unit: z.string(),
  time_text: z.string().nullable(),
  days: z.number().nullable().describe('time_avg in days'),
  cost_amount: z.number().nullable(),
  cost_currency: z.string().nullable(),
  cost_text: z.string().nullable(),
  cost_usd: z.number().nullable(),
  one_time: z.boolean().nullable(),
  predecessors: z.string().nullable().describe('"; "-separated step ids; empty = not stated (the previous step)'),
  physical_visit: z.boolean().nullable(),
  earliest_start: z.number().nullable(),
  earliest_finish: z.number().nullable(),
  slack: z.number().nullable(),
  critical: z.boolean().nullable(),
  source: z.string().nullable(),
  notes: z.string().nullable(),
});
export type StepRow = z.infer<typeof stepRow>;

export const documentRow = z.object({
  case_id: z.string(),
  label: z.enum(LABELS),
  document: z.string(),
  used_in: z.string().describe('Step ids that need it (IN)'),
  produced_in: z.string().describe('Step ids that produce it (OUT)'),
  mentioned_in: z.string().describe('Step ids that name it without a direction'),
  steps: z.number().int(),
  paper: z.boolean().nullable(),
});

export const bottleneckRow = z.object({
  case_id: z.string(),
  label: z.enum(LABELS),
  rank: z.number().int(),
  kind: z.string(),
  step_ids: z.string(),
  reason: z.string(),
  days: z.number().nullable(),
  tf_measures: z.string().describe('UN TF survey measures that would remove it, each as "name [facilitation module id]", separated by "; " (versioned mapping processes/tf-links.json)'),
});

export const benchmarkRow = z.object({
  iso3: z.string(),
  series_code: z.string(),
  series: z.string(),
  year: z.number().int(),
  value: z.number().nullable(),
  unit: z.string(),
  source_id: z.string(),
});

const breakdownSchema = z.object({
  key: z.string().nullable().describe('Area or actor; empty = not stated'),
  steps: z.number().int(),
  sum_days: z.number().nullable(),
  cost_usd: z.number().nullable(),
  time_share: z.number().nullable(),
  cost_share: z.number().nullable(),
  critical_days: z.number().nullable(),
  elapsed_share: z.number().nullable(),
});
export const analysisSchema = z.object({
  counts: z.object({ procedures: z.number().int(), steps: z.number().int(), actors: z.number().int(), documents: z.number().int(), physical_visits: z.number().int() }),
  elapsed_days: z.number().nullable().describe('Critical path (the headline); empty when a time is unknown'),
  sum_days: z.number().nullable(),
  known_sum_days: z.number().describe('Sum of the known times only (a lower bound when some are unknown)'),
  best_elapsed_days: z.number().nullable(),
  worst_elapsed_days: z.number().nullable(),
  critical_path: z.array(z.string()),
  cost_usd: z.number().nullable(),
  one_time_cost_usd: z.number().nullable(),
  cost_share_of_value: z.number().nullable(),
  by_area: z.array(breakdownSchema),
  by_actor: z.array(breakdownSchema),
  incomplete: z.array(z.object({ total: z.string(), reason: z.string() })).describe('Which totals are incomplete and why'),
  rates: z.array(z.object({ currency: z.string(), lcu_per_usd: z.number().nullable(), rate_year: z.number().int().nullable(), missing: z.string().nullable() })),
});
export const deltaSchema = z.object({ metric: z.string(), as_is: z.number().nullable(), to_be: z.number().nullable(), delta: z.number().nullable() });
export type AnalysisOut = z.infer<typeof analysisSchema>;
export type DeltaOut = z.infer<typeof deltaSchema>;
export type CaseRow = z.infer<typeof caseRow>;
export type DocumentRow = z.infer<typeof documentRow>;
export type BottleneckRow = z.infer<typeof bottleneckRow>;
export type BenchmarkRow = z.infer<typeof benchmarkRow>;

/** The fields of a case a steward may correct through the editorial workflow: its own text fields and its procedures (with their steps) as one field. */
export const CASE_EDITABLE = ['title', 'product', 'asOf', 'asOfText', 'completeness', 'notes', 'procedures'] as const;
export const caseEdit = caseSchema.pick({ title: true, product: true, asOf: true, asOfText: true, completeness: true, notes: true, procedures: true });
