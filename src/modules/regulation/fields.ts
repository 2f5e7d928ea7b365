import { z } from 'zod';
import { deMinimisRow, treatyRow } from './schema.js';

// The named fields the regulation routes answer beside their rows, declared whole so the
// OpenAPI document (and the web app's generated types) say exactly what is sent.

const score = z.number().nullable().describe('0 = simplified ... 1 = heavily regulated; empty when unknown (never 0)');

export const overallSchema = z.object({
  score,
  coverage: z.number().describe('Σ W_p · coverage_p / Σ W_p: the known share of the framework'),
  pillarsKnown: z.number().int(),
  pillarsTotal: z.number().int(),
});

export const pillarScoreSchema = z.object({
  pillar: z.number().int(),
  id: z.string(),
  name: z.string(),
  score,
  coverage: z.number(),
  known: z.number().int(),
  total: z.number().int(),
  weight: z.number(),
});

const valueCoverage = z.object({ value: z.number().nullable(), coverage: z.number() });
const matrix = z.object({ value: z.array(z.array(z.number().nullable())), coverage: z.array(z.array(z.number())) }).describe('Rows and columns in the order of `economies`');

export const economyFields = {
  framework: z.string(),
  scores: z.object({ overall: overallSchema, pillars: z.array(pillarScoreSchema) }),
  known: z.array(z.string()).describe('Indicators with a known answer'),
  unknown: z.array(z.string()).describe('Indicators without one'),
  cyberlaw: z.object({
    score: z.number().nullable().describe('Mean observatory score over the areas with a known status'),
    known: z.number().int(),
    areas: z.number().int(),
    statuses: z.array(
      z.object({
        iso3: z.string(),
        area: z.string(),
        status: z.string(),
        flagged: z.string().nullable(),
        source_id: z.string(),
        score: z.number().nullable(),
        laws: z.array(z.object({ url: z.string(), title: z.string().nullable() })),
      }),
    ),
  }),
  de_minimis: z.array(deMinimisRow),
  treaties: z.array(treatyRow),
};

export const compareFields = {
  framework: z.string(),
  economies: z.array(z.string()),
  h: matrix,
  d: matrix,
  dispersion: z.array(
    z.object({
      pillarId: z.string(),
      pillar: z.number().int(),
      name: z.string(),
      dispersion: z.number().nullable().describe('Mean pairwise H over the pairs with a known value'),
      pairs: z.number().int(),
      totalPairs: z.number().int(),
      coverage: z.number(),
      meanScore: z.number().nullable(),
      scored: z.number().int(),
    }),
  ),
  scores: z.array(z.object({ iso3: z.string(), overall: z.number().nullable(), coverage: z.number(), pillars: z.array(pillarScoreSchema) })),
};

export const pairFields = {
  framework: z.string(),
  a: z.string(),
  b: z.string(),
  h: valueCoverage,
  d: valueCoverage,
  treaties: z.object({ value: z.number().nullable(), coverage: z.number(), compared: z.number().int(), total: z.number().int(), shared: z.array(z.string()) }),
};

const answer = z.object({ categoryId: z.string().nullable(), score: z.number().nullable() });

export const simulateFields = {
  framework: z.string(),
  economy: z.string(),
  overall: z.object({ before: overallSchema, after: overallSchema }),
  pillars: z.array(pillarScoreSchema.extend({ score_after: z.number().nullable(), coverage_after: z.number() })),
  partners: z.array(
    z.object({
      economy: z.string(),
      h_before: z.number().nullable(),
      h_after: z.number().nullable(),
      h_coverage_before: z.number(),
      h_coverage_after: z.number(),
      h_change: z.number().nullable(),
      d_before: z.number().nullable(),
      d_after: z.number().nullable(),
    }),
  ),
  mean_distance: z.object({ before: z.number().nullable(), after: z.number().nullable(), change: z.number().nullable() }),
  changes: z.array(z.object({ indicator_id: z.string(), from: answer, to: answer, raises_restrictiveness: z.boolean().nullable() })),
  reforms: z.array(
    z.object({
      indicator_id: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      from_score: z.number().nullable(),
      to_score: z.number(),
      from_unknown: z.boolean(),
      raises_restrictiveness: z.boolean(),
      mean_distance_before: z.number().nullable(),
      mean_distance_after: z.number().nullable(),
      reduction: z.number().nullable(),
      overall_before: z.number().nullable(),
      overall_after: z.number().nullable(),
    }),
  ),
};
