import { z } from 'zod';
import { countryList } from '../../platform/http/grammar.js';

// Schemas of the support module (METHODS §6), shared with the web app. No I/O here: the
// vocabulary and mapping files are read and checked by vocabulary.ts.

export const TRUST = ['A', 'B', 'C'] as const;
export const YES_PARTIAL_NO = ['yes', 'partial', 'no', 'unknown'] as const;
export const BORDER_SCOPES = ['domestic', 'both', 'cross_border'] as const;
export const GOODS_SCOPES = ['goods', 'services', 'both'] as const;
export const STAGES = ['designed', 'implemented', 'monitored', 'evaluated'] as const;
export const MATRIX_KINDS = ['type', 'target'] as const;
export type MatrixKind = (typeof MATRIX_KINDS)[number];

const labelled = z.object({ code: z.string().regex(/^[a-z_]+$/), en: z.string().min(1), es: z.string().min(1) });

/** vocabulary.json: the controlled vocabulary, versioned with the product. */
export const vocabularyFile = z
  .object({
    version: z.string(),
    source: z.string(),
    areas: z.array(labelled).min(1),
    types: z.array(labelled.extend({ areas: z.array(z.string()) })).min(1),
    targets: z.array(labelled).min(1),
    border_scopes: z.array(labelled.extend({ from: z.array(z.string()) })),
    goods_scopes: z.array(labelled),
    stages: z.array(labelled.extend({ rank: z.number().int() })),
  })
  .strict();
export type Vocabulary = z.infer<typeof vocabularyFile>;

/** mapping.json: the reviewed mapping of the shared files' free text onto the vocabulary. */
export const mappingFile = z
  .object({
    version: z.string(),
    reviewed: z.object({ by: z.string(), date: z.string(), note: z.string() }),
    types: z.record(z.string(), z.array(z.string())),
    targets: z.record(z.string(), z.array(z.string())),
  })
  .strict();
export type Mapping = z.infer<typeof mappingFile>;

export const programmeId = z.string().regex(/^[a-z0-9-]{1,120}$/, 'is not a programme id (lower-case letters, digits and -)');

export const programmeRow = z.object({
  id: z.string(),
  iso3: z.string().describe('Economy (ISO3)'),
  programme: z.string().describe('Name in the local language, as read'),
  programme_en: z.string().nullable().describe('English name'),
  agency: z.string().nullable(),
  year_started: z.number().int().nullable().describe('Year started; empty = not stated'),
  type_text: z.string().nullable().describe('Instrument type as the source wrote it (kept; the codes below come from the reviewed mapping)'),
  target_text: z.string().nullable().describe('Target as the source wrote it'),
  types: z.array(z.string()).describe('Instrument types (vocabulary codes)'),
  targets: z.array(z.string()).describe('Targets (vocabulary codes)'),
  areas: z.array(z.string()).describe('Policy areas (eTrade for all), from the types'),
  unplaced_types: z.array(z.string()).describe('Type terms the mapping cannot place (listed, not guessed)'),
  unplaced_targets: z.array(z.string()).describe('Target terms the mapping cannot place'),
  cross_border: z.string().nullable().describe('yes | partial | no | unknown, as read'),
  border_scope: z.enum(BORDER_SCOPES).nullable().describe('domestic | both | cross_border; empty = unknown'),
  ecommerce_focus: z.string().nullable().describe('yes | partial | no | unknown; empty = not stated'),
  goods_scope: z.enum(GOODS_SCOPES).nullable().describe('goods | services | both; empty = not stated'),
  stage: z.enum(STAGES).nullable().describe('Policy-cycle stage; empty = not stated'),
  description: z.string().nullable(),
  url: z.string().nullable().describe('The programme\'s own page, where seen'),
  url_status: z.number().int().nullable().describe('HTTP status of the last link check; empty = not checked or no answer'),
  url_ok: z.boolean().nullable().describe('true/false from the last link check; empty = never checked'),
  url_checked_at: z.string().nullable(),
  source_url: z.string().nullable().describe('Where the facts were read'),
  source_type: z.string().nullable(),
  as_of: z.string().nullable(),
  trust: z.enum(TRUST).nullable().describe('A official page; B news or mirror; C weaker; empty = not stated'),
  source_id: z.string().nullable(),
  updated_at: z.string(),
});
export type Programme = z.infer<typeof programmeRow>;

/** What is stored (the text as read and the edited fields); the codes are derived on reading. */
export const programmeFields = z
  .object({
    iso3: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code such as PER'),
    programme: z.string().trim().min(1).max(500),
    programme_en: z.string().max(500).nullable().optional(),
    agency: z.string().max(500).nullable().optional(),
    year_started: z.number().int().min(1900).max(2100).nullable().optional(),
    type_text: z.string().max(1000).nullable().optional(),
    target_text: z.string().max(1000).nullable().optional(),
    cross_border: z.enum(YES_PARTIAL_NO).nullable().optional(),
    ecommerce_focus: z.enum(YES_PARTIAL_NO).nullable().optional(),
    goods_scope: z.enum(GOODS_SCOPES).nullable().optional(),
    stage: z.enum(STAGES).nullable().optional(),
    description: z.string().max(5000).nullable().optional(),
    url: z.string().url().max(2000).nullable().optional(),
    source_url: z.string().url().max(2000).nullable().optional(),
    source_type: z.string().max(500).nullable().optional(),
    as_of: z.string().max(40).nullable().optional(),
    trust: z.enum(TRUST).nullable().optional(),
  })
  .strict();
export type ProgrammeInput = z.infer<typeof programmeFields>;
export const programmePatch = programmeFields.omit({ iso3: true }).partial().strict();
export type ProgrammePatch = z.infer<typeof programmePatch>;

const codeList = z
  .string()
  .transform((s) => s.split('~').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[a-z_]+$/, 'is not a vocabulary code')).min(1));

export const programmesQuery = z.object({
  economy: countryList.optional(),
  type: codeList.optional().describe('Instrument type codes separated by ~ (GET /api/support/vocabulary)'),
  target: codeList.optional().describe('Target codes separated by ~'),
  area: codeList.optional().describe('Policy area codes separated by ~'),
  border: z.enum(BORDER_SCOPES).optional().describe('Scope: domestic | both | cross_border'),
  ecommerce: z.enum(['yes', 'partial', 'no', 'unknown']).optional().describe('E-commerce focus'),
  q: z.string().trim().min(1).max(200).optional().describe('Full-text search (English and Spanish; accents and case ignored)'),
});

export const vocabularyRow = z.object({
  kind: z.string().describe('area | type | target | border_scope | goods_scope | stage'),
  code: z.string(),
  name_en: z.string(),
  name_es: z.string(),
  areas: z.array(z.string()).describe('For a type: its policy areas'),
  programmes: z.number().int().describe('Programmes placed under the code'),
});

export const unplacedRow = z.object({
  kind: z.enum(MATRIX_KINDS),
  term: z.string().describe('The free text as the source wrote it'),
  reason: z.enum(['reviewed', 'not_in_mapping']).describe('reviewed = the mapping file says no code fits; not_in_mapping = new text nobody reviewed yet'),
  programmes: z.number().int(),
  ids: z.array(z.string()).describe('The programmes carrying the term'),
});

/** Who an economy is compared with: FEALAC, its region, a sub-regional group, or a chosen list. */
export const peersQuery = z.object({
  peers: z
    .string()
    .regex(/^[a-z-]{2,40}$/, 'must be fealac, region, list or a group code such as pacific-alliance')
    .optional()
    .describe('fealac (default) | region (the economy\'s FEALAC region) | a sub-regional group code (GET /api/countries/groups) | list (with country=). No income group is offered: no open, sourced classification is held.'),
  country: countryList.optional().describe('The chosen list when peers=list'),
  by: z.enum(MATRIX_KINDS).optional().describe('type (default) or target'),
});

export const matrixQuery = peersQuery.extend({
  economy: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166 alpha-3 code such as PER')
    .transform((s) => s.toUpperCase())
    .optional()
    .describe('The home economy: the matrix is the home economy and its peers'),
});

export const gapsQuery = peersQuery.extend({
  k: z.coerce.number().int().min(1).max(35).optional().describe('A code is a gap when at least k peers have it (default PUENTE_SUPPORT_GAP_K)'),
  target: codeList.optional().describe('Count only programmes aimed at these targets (e.g. women~first_time_exporters~digital_exporters)'),
});

export const gapRow = z.object({
  code: z.string().describe('Vocabulary code of the type (or target) absent at home'),
  kind: z.enum(MATRIX_KINDS),
  peers_with: z.number().int().describe('Peers with at least one programme of the code'),
  peers_total: z.number().int().describe('Peers compared'),
  peers: z.array(z.string()).describe('Which peers have it'),
  programme_ids: z.array(z.string()).describe('Their programmes of the code'),
  programme_names: z.array(z.string()).describe('Names of those programmes (English where given), in the same order'),
});

export const similarityRow = z.object({
  peer: z.string(),
  jaccard: z.number().nullable().describe('|A ∩ B| / |A ∪ B| of the code sets; empty when both sets are empty'),
  shared: z.array(z.string()),
  home_only: z.array(z.string()),
  peer_only: z.array(z.string()),
});

export const auditRow = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export const auditQuery = z.object({ entity_id: z.string().max(120).optional() });
