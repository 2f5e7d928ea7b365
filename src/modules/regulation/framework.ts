// A regulatory framework (RDTII 2.1 and any later version) is data, not code: pillars, indicators,
// categories with scores, weights with their provenance and confirmation flags, and the scoring
// rules. A new version is a new JSON file in ./frameworks/; nothing here names a version.
//
// The zod schema is the contract every framework file must meet. It checks more than shapes:
// category ids are unique across the framework (answers are compared by category id, so two
// indicators sharing an id would make different answers look equal), rules point at categories
// of their own indicator, and count/formula indicators carry the rule that turns a number into a
// score (without it such an indicator could never be scored).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);
const score01 = z.number().min(0).max(1);

export const categorySchema = z
  .object({
    id: nonEmpty,
    criterion: nonEmpty,
    // null only for formula indicators, whose score comes from the formula, not from a category.
    score: score01.nullable(),
  })
  .strict();

const absenceRule = z
  .object({
    kind: z.literal('absence'),
    /** The category that applies when absence (of the measure, framework or membership) is confirmed. */
    categoryId: nonEmpty,
    text: z.string(),
  })
  .strict();
const escalateRule = z
  .object({
    kind: z.literal('escalate'),
    /** At least minCount measures in force of category `from` => category `to` ("more than one category-2 measure => 1"). */
    from: nonEmpty,
    minCount: z.number().int().min(2),
    to: nonEmpty,
    text: z.string(),
  })
  .strict();
const perMeasureRule = z
  .object({
    kind: z.literal('per_measure'),
    /** score = min(cap, step × number of measures) */
    step: z.number().positive(),
    cap: score01,
    text: z.string(),
  })
  .strict();
const linearRule = z
  .object({
    kind: z.literal('linear'),
    /** score = clamp(intercept + slope × x, 0, 1); x must lie in [domainMin, domainMax] where given. */
    variable: z.string(),
    slope: z.number(),
    intercept: z.number(),
    domainMin: z.number().optional(),
    domainMax: z.number().optional(),
    text: z.string(),
  })
  .strict();

export const ruleSchema = z.discriminatedUnion('kind', [absenceRule, escalateRule, perMeasureRule, linearRule]);

export const INDICATOR_TYPES = ['ordinal', 'binary', 'count', 'formula'] as const;

export const indicatorSchema = z
  .object({
    id: nonEmpty,
    name: nonEmpty,
    type: z.enum(INDICATOR_TYPES),
    options: z.array(categorySchema).min(1),
    note: z.string().optional(),
    ruleNote: z.string().optional(),
    /** In-pillar weight; renormalised over the known indicators when scoring. */
    weight: z.number().min(0),
    weightConfirmed: z.boolean(),
    weightNote: z.string().optional(),
    /** Sub-items of one published indicator (e.g. 12.4.1-12.4.7 of 12.4). */
    group: z.string().optional(),
    nonRegulatory: z.boolean().default(false),
    /**
     * Which applicable category decides. most_restrictive for measures that restrict; for
     * indicators whose records are frameworks or commitments that LOWER restrictiveness ("Lack of
     * ...", "Not in ..."), the strongest one in force decides: least_restrictive.
     */
    select: z.enum(['most_restrictive', 'least_restrictive']).default('most_restrictive'),
    rules: z.array(ruleSchema).default([]),
  })
  .strict();

export const pillarSchema = z
  .object({
    pillar: z.number().int().positive(),
    id: nonEmpty,
    name: nonEmpty,
    /** Relative pillar weight (renormalised over pillars with a known score). */
    weight: z.number().min(0),
    weightConfirmed: z.boolean(),
    weightSource: z.string(),
    /** Provenance of the in-pillar indicator weights. */
    weightsSource: z.string(),
    indicatorWeightsConfirmed: z.boolean(),
    note: z.string().optional(),
    groupWeights: z.record(z.string(), z.number()).optional(),
    indicators: z.array(indicatorSchema).min(1),
  })
  .strict();

export const frameworkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+$/, 'must be lower-case letters and digits, e.g. rdtii'),
    version: z.string().regex(/^[0-9]+(\.[0-9]+)*$/, 'must be digits and dots, e.g. 2.1'),
    title: nonEmpty,
    polarity: z.string(),
    aggregation: z.string(),
    provenance: z
      .object({
        sources: z.array(nonEmpty).min(1),
        retrieved: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
        copiedFrom: z.string().optional(),
        note: z.string().optional(),
      })
      .strict(),
    scoring: z
      .object({
        indicator: z.string(),
        pillar: z.string(),
        overall: z
          .object({
            // The only aggregation compute.ts implements; another would need code, so it is refused here.
            method: z.literal('weighted_mean_of_pillars'),
            confirmed: z.boolean(),
            source: z.string(),
            note: z.string().optional(),
          })
          .strict(),
      })
      .strict(),
    pillars: z.array(pillarSchema).min(1),
  })
  .strict()
  .superRefine((fw, ctx) => {
    const pillarIds = new Set<string>();
    const indicatorIds = new Set<string>();
    const categoryIds = new Set<string>();
    let totalPillarWeight = 0;
    fw.pillars.forEach((p, pi) => {
      const at = (...rest: (string | number)[]) => ['pillars', pi, ...rest];
      if (pillarIds.has(p.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: `pillar id ${p.id} is used twice` });
      pillarIds.add(p.id);
      totalPillarWeight += p.weight;
      let inPillar = 0;
      p.indicators.forEach((ind, ii) => {
        const iat = (...rest: (string | number)[]) => at('indicators', ii, ...rest);
        if (indicatorIds.has(ind.id)) ctx.addIssue({ code: 'custom', path: iat('id'), message: `indicator id ${ind.id} is used twice` });
        indicatorIds.add(ind.id);
        inPillar += ind.weight;
        const own = new Set<string>();
        ind.options.forEach((o, oi) => {
          if (categoryIds.has(o.id)) ctx.addIssue({ code: 'custom', path: iat('options', oi, 'id'), message: `category id ${o.id} is used twice` });
          categoryIds.add(o.id);
          own.add(o.id);
          if (ind.type !== 'formula' && o.score === null) {
            ctx.addIssue({ code: 'custom', path: iat('options', oi, 'score'), message: `category ${o.id} of a ${ind.type} indicator needs a score` });
          }
        });
        const kinds = ind.rules.map((r) => r.kind);
        ind.rules.forEach((r, ri) => {
          const refs = r.kind === 'absence' ? [r.categoryId] : r.kind === 'escalate' ? [r.from, r.to] : [];
          for (const ref of refs) {
            if (!own.has(ref)) ctx.addIssue({ code: 'custom', path: iat('rules', ri), message: `rule refers to ${ref}, which is not a category of ${ind.id}` });
          }
          if (r.kind === 'escalate' && ind.select !== 'most_restrictive') {
            ctx.addIssue({ code: 'custom', path: iat('rules', ri), message: `escalation only makes sense when the most restrictive category decides (${ind.id})` });
          }
          if (r.kind === 'per_measure' && ind.type !== 'count') {
            ctx.addIssue({ code: 'custom', path: iat('rules', ri), message: `per_measure rule on ${ind.type} indicator ${ind.id}` });
          }
          if (r.kind === 'linear' && ind.type !== 'formula') {
            ctx.addIssue({ code: 'custom', path: iat('rules', ri), message: `linear rule on ${ind.type} indicator ${ind.id}` });
          }
        });
        if (ind.type === 'count' && kinds.filter((k) => k === 'per_measure').length !== 1) {
          ctx.addIssue({ code: 'custom', path: iat('rules'), message: `count indicator ${ind.id} needs exactly one per_measure rule` });
        }
        if (ind.type === 'formula' && kinds.filter((k) => k === 'linear').length !== 1) {
          ctx.addIssue({ code: 'custom', path: iat('rules'), message: `formula indicator ${ind.id} needs exactly one linear rule` });
        }
        if (kinds.filter((k) => k === 'absence').length > 1) {
          ctx.addIssue({ code: 'custom', path: iat('rules'), message: `indicator ${ind.id} has more than one absence rule` });
        }
      });
      if (!(inPillar > 0)) ctx.addIssue({ code: 'custom', path: at('indicators'), message: `indicator weights of pillar ${p.id} sum to 0` });
    });
    if (!(totalPillarWeight > 0)) ctx.addIssue({ code: 'custom', path: ['pillars'], message: 'pillar weights sum to 0' });
  });

export type Framework = z.output<typeof frameworkSchema>;
export type Pillar = z.output<typeof pillarSchema>;
export type Indicator = z.output<typeof indicatorSchema>;
export type Category = z.output<typeof categorySchema>;
export type Rule = z.output<typeof ruleSchema>;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Raised when a framework file does not meet the schema; `issues` lists each problem with its path. */
export class FrameworkError extends RangeError {
  readonly issues: string[];
  constructor(message: string, issues: string[]) {
    super(issues.length ? `${message}:\n  - ${issues.join('\n  - ')}` : message);
    this.name = 'FrameworkError';
    this.issues = issues;
  }
}

/** "rdtii-2.1": the key measures and API parameters use to name a framework version. */
export function frameworkKey(fw: Pick<Framework, 'id' | 'version'>): string {
  return `${fw.id}-${fw.version}`;
}

/** Validates parsed JSON as a framework. `label` (e.g. the file name) prefixes the error. */
export function loadFramework(json: unknown, label = 'framework'): Framework {
  const r = frameworkSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new FrameworkError(`${label} is not a valid framework`, issues);
  }
  return r.data;
}

/** Where the product's framework files live (shipped with the code). */
export const FRAMEWORKS_DIR = fileURLToPath(new URL('./frameworks/', import.meta.url));

/**
 * Every *.json in `dir`, validated, sorted by id then version (numerically: 2.10 after 2.9).
 * One bad file fails the whole list: serving scores from a half-read set of frameworks would be
 * worse than not starting. Two files with the same id and version are refused for the same reason.
 */
export function listFrameworks(dir: string = FRAMEWORKS_DIR): Framework[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const out: Framework[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      throw new FrameworkError(`${f} is not valid JSON: ${(e as Error).message}`, []);
    }
    const fw = loadFramework(json, f);
    const key = frameworkKey(fw);
    if (seen.has(key)) throw new FrameworkError(`${f} and ${seen.get(key)} both define ${key}`, []);
    seen.set(key, f);
    out.push(fw);
  }
  return out.sort((a, b) => (a.id !== b.id ? (a.id < b.id ? -1 : 1) : compareVersions(a.version, b.version)));
}

/** The framework named "id-version" (or the latest version of `id`) from a list; null when absent. */
export function findFramework(frameworks: Framework[], key: string): Framework | null {
  const exact = frameworks.find((f) => frameworkKey(f) === key);
  if (exact) return exact;
  const versions = frameworks.filter((f) => f.id === key).sort((a, b) => compareVersions(a.version, b.version));
  return versions.length ? versions[versions.length - 1] : null;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** All indicators in framework order, each with its pillar. */
export function indicatorsOf(fw: Framework): Array<{ pillar: Pillar; indicator: Indicator }> {
  return fw.pillars.flatMap((pillar) => pillar.indicators.map((indicator) => ({ pillar, indicator })));
}
