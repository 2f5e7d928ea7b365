import { z } from 'zod';
import { countryList } from '../../platform/http/grammar.js';

// Schemas of the directory of public bodies, shared with the web app. No I/O.

/** Roles, in the order pages show them; `core` roles are expected for every economy. */
export const ROLES = [
  { code: 'export_promotion', core: true },
  { code: 'customs', core: true },
  { code: 'sme_agency', core: true },
  { code: 'postal_operator', core: true },
  { code: 'data_protection', core: false },
  { code: 'consumer_protection', core: false },
  { code: 'single_window_or_trade_portal', core: false },
  { code: 'trade_facilitation_committee', core: false },
  { code: 'ecommerce_strategy_owner', core: false },
  { code: 'trade_ministry', core: false },
  { code: 'trade_ministry_or_portal', core: false },
  { code: 'fealac_sme_contact', core: false },
] as const;
export const ROLE_CODES = ROLES.map((r) => r.code) as unknown as [string, ...string[]];
export const TRUST = ['A', 'B', 'C'] as const;
export const CHANGE_KINDS = ['renamed', 'successor', 'dissolved', 'abolished'] as const;

export const changesFile = z
  .object({
    version: z.string(),
    note: z.string(),
    changes: z.array(
      z
        .object({
          iso3: z.string().regex(/^[A-Z]{3}$/),
          role: z.enum(ROLE_CODES),
          match: z.string().min(2),
          kind: z.enum(CHANGE_KINDS),
          year: z.number().int().nullable(),
          note_en: z.string().min(1),
          note_es: z.string().min(1),
          source: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();
export type ChangesFile = z.infer<typeof changesFile>;
export type KnownChange = ChangesFile['changes'][number];

export const entryId = z.string().regex(/^[a-z0-9-]{1,120}$/, 'is not a directory entry id (lower-case letters, digits and -)');

export const entryRow = z.object({
  id: z.string(),
  iso3: z.string().describe('Economy (ISO3)'),
  role: z.string().describe('export_promotion | customs | sme_agency | postal_operator | ... (GET /api/directory/roles)'),
  name_local: z.string().describe('Name in the local language, as read'),
  name_en: z.string().nullable().describe('Name in English'),
  official_url: z.string().nullable().describe('Official URL, only where it was seen; empty = not seen'),
  url_evidence: z.string().nullable().describe('How the URL was seen'),
  url_status: z.number().int().nullable().describe('HTTP status of the last link check; empty = not checked or no answer'),
  url_ok: z.boolean().nullable().describe('Result of the last link check; empty = never checked'),
  url_checked_at: z.string().nullable(),
  source_url: z.string().nullable(),
  source_type: z.string().nullable(),
  as_of: z.string().nullable().describe('Date of the source; empty = not stated'),
  trust: z.enum(TRUST).nullable().describe('A official; B news or mirror; C weaker; empty = not stated'),
  to_verify: z.boolean().describe('true: one detail (usually the local name or an acronym) was not read on the cited page'),
  note: z.string().nullable(),
  change_kind: z.enum(CHANGE_KINDS).nullable().describe('A known change after the source\'s date: renamed | successor | dissolved | abolished'),
  change_year: z.number().int().nullable(),
  change_note: z.string().nullable().describe('What changed (English)'),
  change_note_es: z.string().nullable(),
  source_id: z.string().nullable(),
  updated_at: z.string(),
});
export type Entry = z.infer<typeof entryRow>;

export const entryFields = z
  .object({
    iso3: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 code such as PER'),
    role: z.enum(ROLE_CODES),
    name_local: z.string().trim().min(1).max(500),
    name_en: z.string().max(500).nullable().optional(),
    official_url: z.string().url().max(2000).nullable().optional(),
    url_evidence: z.string().max(500).nullable().optional(),
    source_url: z.string().url().max(2000).nullable().optional(),
    source_type: z.string().max(500).nullable().optional(),
    as_of: z.string().max(40).nullable().optional(),
    trust: z.enum(TRUST).nullable().optional(),
    to_verify: z.boolean().optional(),
    note: z.string().max(5000).nullable().optional(),
  })
  .strict();
export type EntryInput = z.infer<typeof entryFields>;
export const entryPatch = entryFields.omit({ iso3: true }).partial().strict();
export type EntryPatch = z.infer<typeof entryPatch>;

export const entriesQuery = z.object({
  economy: countryList.optional(),
  role: z
    .string()
    .transform((s) => s.split('~').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z_]+$/, 'is not a role code')).min(1))
    .optional()
    .describe('Role codes separated by ~'),
  verify: z.enum(['yes', 'no']).optional().describe('yes: only rows with a detail to be verified'),
});

export const roleRow = z.object({
  code: z.string(),
  core: z.boolean().describe('Expected for every economy'),
  economies: z.number().int().describe('Economies with at least one entry for the role'),
  entries: z.number().int(),
});

export const auditQuery = z.object({ entity_id: z.string().max(120).optional() });

/** The fields of an entry a steward may correct through the editorial workflow (the economy and role are fixed). */
export const ENTRY_EDITABLE = ['name_local', 'name_en', 'official_url', 'url_evidence', 'source_url', 'source_type', 'as_of', 'trust', 'note'] as const;
/** A whole proposed entry (the editable fields; null = empty), checked by the server and the web form. */
export const entryEdit = entryFields.pick({ name_local: true, name_en: true, official_url: true, url_evidence: true, source_url: true, source_type: true, as_of: true, trust: true, note: true });
