import { z } from 'zod';
import { countryList } from '../../platform/http/grammar.js';
import { GROUPS } from './reference.js';

export const iso3Param = z.object({
  iso3: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166 alpha-3 code such as PER')
    .transform((s) => s.toUpperCase())
    .describe('ISO 3166 alpha-3 code'),
});

export const countryRow = z.object({
  iso3: z.string().describe('ISO 3166-1 alpha-3'),
  iso2: z.string().describe('ISO 3166-1 alpha-2'),
  iso_numeric: z.string().describe('ISO 3166-1 numeric (3 digits)'),
  name_en: z.string().describe('English name (FEALAC usage)'),
  name_es: z.string().nullable().describe('Spanish name (i18n-iso-countries)'),
  name_pt: z.string().nullable().describe('Portuguese name (i18n-iso-countries)'),
  name_zh: z.string().nullable().describe('Chinese name (i18n-iso-countries)'),
  name_ja: z.string().nullable().describe('Japanese name (i18n-iso-countries)'),
  name_ko: z.string().nullable().describe('Korean name (i18n-iso-countries)'),
  fealac_region: z.enum(['East Asia', 'Latin America']).describe('FEALAC region'),
  subregions: z.array(z.string()).describe('Codes of the sub-regional groups the economy belongs to'),
  year_joined: z.number().int().nullable().describe('Year the economy joined FEALAC; empty when not confirmed'),
});
export type Country = z.infer<typeof countryRow>;

export const groupCodes = GROUPS.map((g) => g.code) as [string, ...string[]];

export const countriesQuery = z.object({
  region: z.enum(['east-asia', 'latin-america']).optional().describe('FEALAC region'),
  group: z.enum(groupCodes).optional().describe('Sub-regional group'),
  country: countryList.optional(),
});

export const groupSchema = z.object({
  code: z.string(),
  name_en: z.string(),
  name_es: z.string(),
  kind: z.string(),
  note: z.string().nullable(),
  members: z.array(z.string()),
});

export const pairRow = z.object({
  iso3_o: z.string().describe('Origin economy'),
  iso3_d: z.string().describe('Destination economy'),
  dist_km: z.number().nullable().describe('Distance between the most populated cities, km (CEPII dist)'),
  distcap_km: z.number().nullable().describe('Distance between capitals, km (CEPII distcap)'),
  distw_km: z.number().nullable().describe('Population-weighted distance, km (CEPII distw)'),
  contig: z.number().int().nullable().describe('1 if contiguous'),
  comlang_off: z.number().int().nullable().describe('1 if they share an official language'),
  comlang_ethno: z.number().int().nullable().describe('1 if a language is spoken by at least 9% of both populations'),
});
