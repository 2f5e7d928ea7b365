import { z } from 'zod';
import { countryList } from '../../platform/http/grammar.js';

// Trade facilitation after the UN Global Survey on Digital and Sustainable Trade Facilitation
// (docs/methodology.md#trade-facilitation). Zod schemas and types, shared with the web app; no I/O.

// ---------- the survey framework (a versioned data file in ./frameworks/) ----------

export const STATUSES = [0, 1, 2, 3] as const;
export type Status = (typeof STATUSES)[number];

export const tfGroup = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  /** One of the five core groups whose 31 measures make the overall score. */
  core: z.boolean(),
  /** Scored measures of a core group (null for the others). */
  scored: z.number().int().positive().nullable(),
  /** Group prefixes of measure names in the data files ("transparency: ..."). */
  prefixes: z.array(z.string()),
  /** What is not verified about the group (shown on the methodology page). */
  verify: z.string().nullable(),
});
export type TfGroup = z.infer<typeof tfGroup>;

export const tfMeasure = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  group: z.string(),
  name: z.string().min(1),
  /** Other spellings seen in data files. */
  aliases: z.array(z.string()).optional(),
  verify: z.string().optional(),
});
export type TfMeasure = z.infer<typeof tfMeasure>;

export const tfFramework = z
  .object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    rounds: z.array(z.number().int()).min(1),
    provenance: z.object({ publisher: z.string(), url: z.string().url(), definitions: z.string().url().optional(), license: z.string(), transcribed_from: z.string().optional(), retrieved: z.string() }),
    scale: z.array(z.object({ status: z.number().int().min(0).max(3), label: z.string() })).length(4),
    dont_know_scores: z.literal(0),
    rules: z.object({ group_score: z.string(), overall_score: z.string(), regional_average: z.string(), core_measures: z.number().int().positive(), check: z.string() }),
    verify: z.array(z.string()),
    groups: z.array(tfGroup).min(1),
    measures: z.array(tfMeasure).min(1),
  })
  .superRefine((f, ctx) => {
    const groups = new Set(f.groups.map((g) => g.id));
    const ids = new Set<string>();
    f.measures.forEach((m, i) => {
      if (!groups.has(m.group)) ctx.addIssue({ code: 'custom', path: ['measures', i, 'group'], message: `no group "${m.group}"` });
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['measures', i, 'id'], message: `measure id "${m.id}" appears twice` });
      ids.add(m.id);
    });
    const core = f.groups.filter((g) => g.core);
    const scored = core.reduce((s, g) => s + (g.scored ?? 0), 0);
    if (scored !== f.rules.core_measures) ctx.addIssue({ code: 'custom', path: ['groups'], message: `core groups score ${scored} measures, rules say ${f.rules.core_measures}` });
    core.forEach((g) => {
      const listed = f.measures.filter((m) => m.group === g.id).length;
      if (g.scored === null || listed < g.scored) ctx.addIssue({ code: 'custom', path: ['groups'], message: `core group ${g.id} lists ${listed} measures for ${g.scored} scored` });
      if (listed > (g.scored ?? 0) && !g.verify) ctx.addIssue({ code: 'custom', path: ['groups'], message: `core group ${g.id} lists more measures than it scores without saying which are out (verify)` });
    });
  });
export type TfFramework = z.infer<typeof tfFramework>;

// ---------- the implementation sequence (a versioned data file in ./frameworks/) ----------

export const STAGES = ['A', 'B', 'C'] as const;
export type Stage = (typeof STAGES)[number];

export const tfSequence = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  framework: z.string(),
  provenance: z.object({ publisher: z.string(), source: z.string(), retrieved: z.string() }),
  stages: z.array(z.object({ id: z.enum(STAGES), label: z.string() })),
  rules: z.object({ stage_order: z.string(), prerequisites: z.string(), order: z.string() }),
  steps: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      stage: z.enum(STAGES),
      alt_stages: z.array(z.enum(STAGES)),
      /** The survey measure that tracks the step; null when none does. */
      measure: z.string().nullable(),
      source: z.string(),
      note: z.string().nullable(),
      puente_reading: z.boolean(),
    }),
  ),
  links: z.array(z.object({ from: z.string(), to: z.string(), source: z.string(), puente_reading: z.boolean(), why: z.string() })),
});
export type TfSequence = z.infer<typeof tfSequence>;

// ---------- stored records ----------

export interface ScoreRecord {
  iso3: string;
  round: number;
  /** A group id of the framework, or "overall". */
  grp: string;
  score_pct: number;
  /** Quoted by a press release or news item, not read on untfsurvey.org. */
  secondary: boolean;
  note: string | null;
  source_id: string;
}

export interface StatusRecord {
  iso3: string;
  round: number;
  measure: string;
  status: Status;
  source_id: string;
  /** Who entered it through the editing API (null: imported from a file). */
  entered_by: string | null;
}

export interface ChannelRecord {
  iso3: string;
  channel: string;
  parameter: string;
  value: number | null;
  unit: string | null;
  legal_basis: string | null;
  note: string | null;
  trust: string | null;
  source_id: string;
}

// ---------- queries ----------

const year = z.string().regex(/^\d{4}$/, 'must be a survey round such as 2025').transform(Number);
const statusMin = (what: string) => z.string().regex(/^[0-3]$/, 'must be 0, 1, 2 or 3').transform(Number).describe(what);

export const roundQuery = z.object({
  round: year.optional().describe('Survey round (default: the latest round with scores)'),
});

export const peersParam = countryList.optional().describe('Chosen peers, ISO3 codes separated by ~ (default: every other FEALAC economy with data)');
export const groupParam = z.string().regex(/^[a-z-]+$/, 'must be a group code such as mercosur').optional().describe('Peers = the members of a sub-regional group (countries module codes, e.g. mercosur); ignored when peers is given');

export const scoresQuery = z.object({ country: countryList.optional(), round: year.optional().describe('One survey round') });
export const statusesQuery = z.object({ country: countryList.optional(), round: year.optional().describe('One survey round (default: all)') });
export const comparisonQuery = z.object({ round: year.optional().describe('Survey round (default: the latest round with scores)') });
export const averagesQuery = z.object({ peers: peersParam, group: groupParam });
export const nextQuery = z.object({
  peers: peersParam,
  group: groupParam,
  round: year.optional().describe('Statuses as known up to this round (default: all rounds)'),
  implemented: statusMin('Override of PUENTE_TF_IMPLEMENTED_MIN_STATUS for this view').optional(),
});

// ---------- rows ----------

export const scoreRow = z.object({
  iso3: z.string(),
  round: z.number().int(),
  group: z.string().describe('overall, or a core group id'),
  score_pct: z.number().describe('The score shown (0..100): the published one (untfsurvey.org before a secondary figure), else the computed one'),
  basis: z.enum(['published', 'computed']).describe('published, or computed (no published score: computed from statuses)'),
  secondary: z.boolean().describe('true: the score shown was quoted by a press release or news item, not read on untfsurvey.org'),
  published_pct: z.number().nullable(),
  computed_pct: z.number().nullable().describe('Computed from per-measure statuses where the group is complete (overall: from all five groups), else from the five published group scores (overall only); empty otherwise'),
  computed_from: z.enum(['statuses', 'group_scores']).nullable(),
  disagreement: z.boolean().describe('true when published and computed scores both exist and differ (kept, never resolved silently)'),
  other_values: z.string().nullable().describe('Other published values for the same score, with their source (a conflict between sources)'),
  note: z.string().nullable(),
  source_id: z.string().nullable(),
});
export type ScoreRow = z.infer<typeof scoreRow>;

export const comparisonRow = z.object({
  iso3: z.string(),
  round: z.number().int(),
  overall: z.number().nullable(),
  transparency: z.number().nullable(),
  formalities: z.number().nullable(),
  institutional_arrangement_cooperation: z.number().nullable(),
  paperless_trade: z.number().nullable(),
  cross_border_paperless_trade: z.number().nullable(),
  secondary: z.boolean().describe('true when any value of the row is a secondary figure'),
  conflict: z.boolean().describe('true when sources disagree on a value of the row (the untfsurvey.org value is shown)'),
});
export type ComparisonRow = z.infer<typeof comparisonRow>;

export const statusRow = z.object({
  iso3: z.string(),
  round: z.number().int(),
  measure: z.string(),
  group: z.string(),
  measure_name: z.string(),
  status: z.number().int().min(0).max(3).describe('3 fully, 2 partially, 1 pilot, 0 not implemented'),
  entered_by: z.string().nullable().describe('Who entered it through the editing API; empty when imported'),
  source_id: z.string(),
});
export type StatusRow = z.infer<typeof statusRow>;

export const averageRow = z.object({
  round: z.number().int(),
  group: z.string(),
  economy: z.number().nullable().describe("The economy's score (published; computed where none is published)"),
  fealac: z.number().nullable(),
  fealac_n: z.number().int(),
  region: z.number().nullable(),
  region_n: z.number().int(),
  peers: z.number().nullable(),
  peers_n: z.number().int(),
  secondary_n: z.number().int().describe('Secondary figures among the economies pooled (all three averages)'),
});
export type AverageRow = z.infer<typeof averageRow>;

export const nextRow = z.object({
  rank: z.number().int(),
  step: z.string(),
  stage: z.enum(STAGES),
  measure: z.string(),
  measure_name: z.string(),
  status: z.number().int().nullable().describe('Latest known status; empty = not known (never read as 0)'),
  status_round: z.number().int().nullable(),
  peers_known: z.number().int(),
  peers_implementing: z.number().int(),
  peer_share: z.number().nullable().describe('peers_implementing / peers_known; empty below PUENTE_TF_PEER_MIN_ECONOMIES'),
  why: z.string().describe('Why it is proposed'),
});
export type NextRow = z.infer<typeof nextRow>;

export const gapRow = z.object({
  measure: z.string(),
  group: z.string(),
  measure_name: z.string(),
  status: z.number().int(),
  status_round: z.number().int(),
  peers_known: z.number().int(),
  peers_implementing: z.number().int(),
  peer_share: z.number(),
});
export type GapRow = z.infer<typeof gapRow>;

export const channelRow = z.object({
  iso3: z.string(),
  channel: z.string(),
  parameter: z.string(),
  value: z.number().nullable().describe('Empty when the source gives no figure'),
  unit: z.string().nullable(),
  legal_basis: z.string().nullable(),
  note: z.string().nullable(),
  trust: z.string().nullable().describe('A = official source, B = secondary (as the file grades it)'),
  source_id: z.string(),
});
export type ChannelRow = z.infer<typeof channelRow>;

export const measureRow = z.object({
  id: z.string(),
  group: z.string(),
  group_name: z.string(),
  core: z.boolean(),
  name: z.string(),
  stage: z.enum(STAGES).nullable().describe('Stage in the implementation sequence; empty when the sequence does not place it'),
  verify: z.string().nullable(),
});

export const stepRow = z.object({
  id: z.string(),
  label: z.string(),
  stage: z.enum(STAGES),
  alt_stages: z.string().describe('Other stages the study allows, separated by ~'),
  measure: z.string().nullable(),
  prerequisites: z.string().describe('Measures that must be implemented first, separated by ~'),
  source: z.string(),
  puente_reading: z.boolean().describe("true when the step's match to a survey measure is Puente's own reading"),
  note: z.string().nullable(),
});

/** An average with the number of economies behind it, or "not enough data" below the gate. */
export interface TfAverage {
  value: number | null;
  n: number;
  secondary_n: number;
  min_n: number;
  enough_data: boolean;
}

// ---------- edits ----------

export const statusEdit = z
  .object({
    iso3: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO3 code such as PRY'),
    round: z.number().int().min(2000).max(2100),
    measure: z.string().min(1),
    status: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.null()]).describe('0..3; null deletes the status'),
    source_url: z.string().url().optional().describe('Where the status can be checked'),
    note: z.string().max(2000).optional(),
  })
  .strict();
export type StatusEdit = z.infer<typeof statusEdit>;
export const statusEditBody = z.object({ statuses: z.array(statusEdit).min(1).max(500) }).strict();

/** The fields of a per-measure status a focal point may correct through the editorial workflow. */
export const STATUS_EDITABLE = ['status', 'source_url', 'note'] as const;
/** A whole proposed status (0..3, where it can be checked, a note), checked by the server and the web form. */
export const statusWorkflowEdit = z
  .object({
    status: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], { message: 'must be 0, 1, 2 or 3' }),
    source_url: z.string().url().max(2000).nullable(),
    note: z.string().trim().max(2000).nullable(),
  })
  .strict();
/** The workflow's id of a status: `ISO3/round/measure` (as the audit log names it). */
export const statusKey = (iso3: string, round: number, measure: string) => `${iso3}/${round}/${measure}`;
