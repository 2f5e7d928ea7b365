import { z } from 'zod';
import { cyberlawRow, deMinimisRow, escapMeasureRow, legalInventoryRow, REFORM_GOALS, SCORE_MODES, treatyRow } from './schema.js';

// The named fields the regulation routes answer beside their rows, exactly as the handlers build
// them (issue #22: every field listed, closed). No I/O.

const share = (what: string) => z.number().describe(`${what} (0..1)`);
const nullableScore = (what: string) => z.number().nullable().describe(`${what}; empty = unknown (not 0)`);

/** The fields every answer-based route names: which framework, which ESCAP scores, which coverage gate. */
export const answerContext = {
  framework: z.string().describe('Framework id-version the answers are scored with, e.g. rdtii-2.1'),
  scores_mode: z.enum(SCORE_MODES).describe('ESCAP measure scores as recorded or with the government verification\'s corrections'),
  min_coverage: share('Coverage a score or distance needs before it is shown (PUENTE_REG_MIN_COVERAGE)'),
};

/** An economy's overall score (scoreEconomy's `overall`). */
export const overallScore = z.object({
  score: nullableScore('Overall restrictiveness 0..1, the weighted mean of the known pillar scores'),
  coverage: share('Known share of the whole framework\'s weight'),
  pillarsKnown: z.number().int().describe('Pillars with a known score'),
  pillarsTotal: z.number().int(),
});

/** One pillar's score with its coverage. */
export const pillarScore = z.object({
  pillar: z.number().int(),
  id: z.string().describe('Pillar id in the framework'),
  name: z.string(),
  score: nullableScore('Pillar restrictiveness 0..1 over its known indicators'),
  coverage: share('Known share of the pillar\'s indicator weight'),
  known: z.number().int().describe('Indicators answered'),
  total: z.number().int().describe('Indicators in the pillar'),
  weight: z.number().describe('Pillar weight in the overall score'),
});

const gated = { enough_coverage: z.boolean().describe('Coverage reaches min_coverage; otherwise "not enough data"') };

// ---------------------------------------------------------------- GET /api/regulation/economies/{iso3}

export const cyberlawStatus = cyberlawRow.omit({ laws: true, law_urls: true }).extend({
  laws: z.array(z.object({ url: z.string(), title: z.string().nullable() })).describe('The laws the tracker links for the area'),
});

export const economyFields = {
  ...answerContext,
  enough_coverage: z.boolean().describe('The overall score rests on at least min_coverage of the framework'),
  scores: z.object({ overall: overallScore, pillars: z.array(pillarScore) }),
  known: z.array(z.string()).describe('Indicator ids with a known answer'),
  unknown: z.array(z.string()).describe('Indicator ids with no known answer'),
  escap_measures: z.array(escapMeasureRow).describe('ESCAP RDTII 2.1 measure records of the economy, with the government verification'),
  legal_inventory: z.array(legalInventoryRow).describe('ESCAP\'s laws mapped to indicators (candidate sources, no scores)'),
  cyberlaw: z
    .object({
      score: z.number().nullable().describe('Mean observatory score of the known areas (1 = a law exists, the opposite polarity of RDTII); empty when none is known'),
      known: z.number().int().describe('Areas with a known status'),
      areas: z.number().int().describe('Areas the tracker lists for the economy'),
      statuses: z.array(cyberlawStatus),
    })
    .describe('UNCTAD Global Cyberlaw Tracker'),
  de_minimis: z.array(deMinimisRow),
  treaties: z.array(treatyRow),
};

// ---------------------------------------------------------------- GET /api/regulation/compare

export const distanceMatrix = z.object({
  value: z.array(z.array(z.number().nullable())).describe('Square matrix in the order of `economies`; empty where nothing is known for both'),
  coverage: z.array(z.array(z.number())).describe('Coverage of each value (0..1)'),
});

export const pillarDispersion = z.object({
  pillarId: z.string(),
  pillar: z.number().int(),
  name: z.string(),
  dispersion: z.number().nullable().describe('Mean pairwise H of the pillar over the pairs sharing an answered item; empty when none does'),
  pairs: z.number().int().describe('Pairs the dispersion rests on'),
  totalPairs: z.number().int(),
  coverage: share('Mean pairwise coverage of the pillar\'s H over all pairs'),
  meanScore: z.number().nullable().describe('Mean pillar score of the economies scored on it; empty when none is'),
  scored: z.number().int().describe('Economies with a pillar score'),
});

export const compareFields = {
  ...answerContext,
  economies: z.array(z.string()).describe('The economies compared, in the matrices\' order'),
  h: distanceMatrix.describe('Heterogeneity H between every pair'),
  d: distanceMatrix.describe('Level gap D between every pair'),
  dispersion: z.array(pillarDispersion),
  scores: z.array(
    z.object({
      iso3: z.string(),
      overall: nullableScore('Overall restrictiveness 0..1'),
      coverage: share('Known share of the framework'),
      ...gated,
      pillars: z.array(pillarScore.extend(gated)),
    }),
  ),
};

// ---------------------------------------------------------------- GET /api/regulation/pair

const gatedDistance = (what: string) =>
  z.object({ value: z.number().nullable().describe(`${what} 0..1; empty when nothing is known for both`), coverage: share('Coverage'), ...gated });

export const treatyAlignment = z
  .object({
    value: z.number().nullable().describe('Jaccard of the adopted instruments over those known for both; empty when none is adopted by either'),
    coverage: share('Instruments known for both over all instruments compared'),
    compared: z.number().int().describe('Instruments known for both'),
    total: z.number().int().describe('Instruments named'),
    shared: z.array(z.string()).describe('Instruments both adopted'),
  })
  .describe('Treaty and model-law alignment');

export const pairFields = {
  ...answerContext,
  a: z.string(),
  b: z.string(),
  h: gatedDistance('Heterogeneity H'),
  d: gatedDistance('Level gap D'),
  treaties: treatyAlignment,
};

// ---------------------------------------------------------------- GET /api/regulation/simulate

const answer = z.object({ categoryId: z.string().nullable(), score: z.number().nullable() }).describe('An answer: category and score (empty = unknown)');

export const reform = z.object({
  indicator_id: z.string(),
  pillar: z.number().int(),
  from: z.string().nullable().describe('Current category; empty when the answer is unknown today'),
  to: z.string().describe('Category proposed'),
  from_score: z.number().nullable(),
  to_score: z.number(),
  from_unknown: z.boolean().describe('A hypothesis for an answer unknown today'),
  direction: z.enum(['liberalising', 'neutral', 'restricting']).describe('Against the current score; for a hypothesis against the partners\' mean score on the item'),
  raises_restrictiveness: z.boolean(),
  gain: z.number().nullable().describe('How much the reform advances the goal (positive = closer); empty when it cannot be measured'),
  mean_distance_before: z.number().nullable(),
  mean_distance_after: z.number().nullable(),
  overall_before: z.number().nullable(),
  overall_after: z.number().nullable(),
  target: z.number().nullable().describe('average goal: the regional mean score on the item; empty otherwise or when none answers it'),
  partners: z.array(z.object({ economy: z.string(), category_id: z.string().nullable(), score: z.number().nullable() })).describe('The partners\' answers on the item'),
});

export const simulateFields = {
  ...answerContext,
  goal: z.enum(REFORM_GOALS),
  order: z.enum(['liberalising_first', 'gain']),
  economy: z.string(),
  overall: z.object({ before: overallScore, after: overallScore }),
  pillars: z.array(
    pillarScore.extend({
      score_after: nullableScore('Pillar score after the edits'),
      coverage_after: share('Pillar coverage after the edits'),
    }),
  ),
  partners: z.array(
    z.object({
      economy: z.string(),
      h_before: z.number().nullable(),
      h_after: z.number().nullable(),
      h_coverage_before: z.number(),
      h_coverage_after: z.number(),
      h_change: z.number().nullable().describe('h_after − h_before (negative = closer); empty when either is unknown'),
      d_before: z.number().nullable(),
      d_after: z.number().nullable(),
      enough_coverage: z.boolean().describe('H before the edits rests on at least min_coverage'),
    }),
  ),
  mean_distance: z
    .object({ before: z.number().nullable(), after: z.number().nullable(), change: z.number().nullable() })
    .describe('Mean H to the partners with a known H'),
  changes: z.array(
    z.object({
      indicator_id: z.string(),
      from: answer,
      to: answer,
      raises_restrictiveness: z.boolean().nullable().describe('The edit raises the score; empty when either score is unknown'),
    }),
  ),
  reforms: z.array(reform).describe('Changes of answers known today, ranked (at most 40)'),
  hypotheses: z.array(reform).describe('Hypotheses about answers unknown today, ranked the same way (at most 40)'),
};
