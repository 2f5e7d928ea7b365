import { z } from 'zod';
import { countryList, timeRange } from '../../../platform/http/grammar.js';

// The OECD Digital Services Trade Restrictiveness Index (Digital STRI): its own dataset, a second
// lens beside the RDTII scores (docs/methodology.md#digital-stri). Shared with the web app.

/** The SDMX dataflow both the shared file and the connector read. */
export const STRI_DATAFLOW = 'OECD.TAD.TPD,DSD_STRI@DF_STRI_DIGITAL,1.0';

/** The overall index, then the five policy areas whose contributions add up to it. */
export const STRI_MEASURES = ['STRI', 'CLAS1_6', 'CLAS1_7', 'CLAS1_8', 'CLAS1_9', 'CLAS1_10'] as const;
export type StriMeasure = (typeof STRI_MEASURES)[number];
export const STRI_AREAS = ['CLAS1_6', 'CLAS1_7', 'CLAS1_8', 'CLAS1_9', 'CLAS1_10'] as const satisfies readonly StriMeasure[];
export type StriArea = (typeof STRI_AREAS)[number];

/** The OECD's names of the measures (the web app translates them under `stri.area.*`). */
export const STRI_LABELS: Record<StriMeasure, string> = {
  STRI: 'Digital STRI (overall)',
  CLAS1_6: 'Infrastructure and connectivity',
  CLAS1_7: 'Electronic transactions',
  CLAS1_8: 'Payment systems',
  CLAS1_9: 'Intellectual property rights',
  CLAS1_10: 'Other barriers affecting trade in digitally enabled services',
};

/** Short column names of the wide rows (per economy and year). */
export const STRI_COLUMNS: Record<StriMeasure, string> = {
  STRI: 'stri',
  CLAS1_6: 'infrastructure',
  CLAS1_7: 'electronic_transactions',
  CLAS1_8: 'payment_systems',
  CLAS1_9: 'intellectual_property',
  CLAS1_10: 'other_barriers',
};

/** What the dataset says of a member it has no value for. */
export const NOT_COVERED = 'not covered by the OECD Digital STRI';

export interface StriObservation {
  iso3: string;
  year: number;
  measure: StriMeasure;
  value: number;
}

export interface StriValue extends StriObservation {
  source_id: string;
}

const measureList = z
  .string()
  .transform((s, ctx) => {
    const codes = s.split('~').map((c) => c.trim().toUpperCase()).filter(Boolean);
    const bad = codes.filter((c) => !(STRI_MEASURES as readonly string[]).includes(c));
    if (!codes.length || bad.length) {
      ctx.addIssue({ code: 'custom', message: `${bad.length ? `"${bad.join('", "')}" ${bad.length > 1 ? 'are' : 'is'} not` : 'give at least one'} Digital STRI measure (${STRI_MEASURES.join(', ')})` });
      return z.NEVER;
    }
    return [...new Set(codes)] as StriMeasure[];
  })
  .describe(`Measures separated by ~: ${STRI_MEASURES.join(', ')} (STRI = overall index)`);

const year = z
  .string()
  .regex(/^\d{4}$/, 'must be a year such as 2024')
  .transform(Number);

export const striQuery = z.object({
  country: countryList.optional(),
  time: timeRange.optional(),
  area: measureList.optional(),
});

export const striRankingQuery = z.object({
  year: year.optional().describe('Year of the ranking (default: the latest year with values)'),
});

export const striRow = z.object({
  iso3: z.string(),
  year: z.number().int(),
  measure: z.enum(STRI_MEASURES).describe('STRI = overall index; CLAS1_6..CLAS1_10 = contribution of a policy area'),
  area: z.string().describe('Name of the measure (OECD)'),
  value: z.number().describe('0 (open) .. 1 (closed); the five area contributions add up to the overall index'),
  source_id: z.string(),
});
export type StriRow = z.infer<typeof striRow>;

const areaColumns = {
  infrastructure: z.number().nullable().describe('Contribution of infrastructure and connectivity'),
  electronic_transactions: z.number().nullable().describe('Contribution of electronic transactions'),
  payment_systems: z.number().nullable().describe('Contribution of payment systems'),
  intellectual_property: z.number().nullable().describe('Contribution of intellectual property rights'),
  other_barriers: z.number().nullable().describe('Contribution of other barriers affecting trade in digitally enabled services'),
};

export const striRankingRow = z.object({
  rank: z.number().int().nullable().describe('1 = least restrictive; empty for an economy the OECD does not cover'),
  iso3: z.string(),
  coverage: z.enum(['covered', 'not_covered']).describe(`not_covered: ${NOT_COVERED} (never 0)`),
  stri: z.number().nullable().describe('Digital STRI, 0 (open) .. 1 (closed)'),
  ...areaColumns,
});
export type StriRankingRow = z.infer<typeof striRankingRow>;

export const striEconomyRow = z.object({
  iso3: z.string(),
  year: z.number().int(),
  stri: z.number().nullable().describe('Digital STRI, 0 (open) .. 1 (closed)'),
  ...areaColumns,
});
export type StriEconomyRow = z.infer<typeof striEconomyRow>;

/** The FEALAC median of one year, or why there is none. */
export interface StriMedian {
  median: number | null;
  /** Economies with a value that year. */
  n: number;
  /** The setting PUENTE_STRI_MEDIAN_MIN_N. */
  min_n: number;
  /** false: fewer than min_n values, so no median is given ("not enough data"). */
  enough_data: boolean;
}
