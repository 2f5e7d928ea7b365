// Regulation scores and comparisons (docs: shared/methods/METHODS.md §4; after ESCAP RDTII 2.1 /
// DTRA and the OECD Digital STRI heterogeneity index, Nordås 2016).
//
// Pure: no I/O, no clock. The framework (pillars, weights, categories, rules) is an argument, so
// another framework version is scored by the same code. The one rule that runs through every
// function: unknown is not zero. An indicator with no measure in force and no confirmed absence is
// unknown; weights are renormalised over what is known and the known share is reported as
// coverage, so a gap neither counts as "simplified" nor drags a score down.

import type { Framework, Indicator, Pillar } from './framework.js';

export type MeasureStatus = 'in_force' | 'pending';
/** One recorded measure (DTRA record) for an economy and indicator. */
export interface MeasureEvidence { categoryId: string | null; status: MeasureStatus }
export interface Evidence {
  measures?: ReadonlyArray<MeasureEvidence>;
  /** A complete review confirmed that what the indicator asks about is absent (see the absence rule). */
  absenceConfirmed?: boolean;
  /** count: number of measures; formula: the input x. */
  value?: number | null;
}
export type ScoreKind = 'measures' | 'escalated' | 'absence' | 'count' | 'formula' | 'unknown';
export interface IndicatorScore { score: number | null; categoryId: string | null; basis: string; kind: ScoreKind }

/** An economy's answer to one indicator. Known iff score is not null. */
export interface Answer { categoryId: string | null; score: number | null }
export type Answers = Record<string, Answer>;
/** An edit: a category (its score follows) or, for formula/count items, a score; nulls make it unknown. */
export interface AnswerEdit { categoryId: string | null; score?: number | null }

export interface ScoreOptions {
  /** Pillar id -> relative weight; replaces the framework's pillar weights (all pillars must be given). */
  pillarWeights?: Record<string, number>;
  /** Leave out indicators flagged nonRegulatory (treaty membership, tariffs, shutdowns...). */
  excludeNonRegulatory?: boolean;
}

export interface IndicatorResult {
  indicatorId: string;
  pillarId: string;
  categoryId: string | null;
  score: number | null;
  /** In-pillar weight from the framework (before renormalisation). */
  weight: number;
  excluded: boolean;
  /** W'_p · w'_k · s_k with both weights renormalised over what is known; the contributions sum to the overall score. */
  contribution: number | null;
}
export interface PillarResult {
  pillarId: string;
  pillar: number;
  name: string;
  score: number | null;
  /** Share of the pillar's indicator weight that is known (0..1). */
  coverage: number;
  known: number;
  total: number;
  weight: number;
  contribution: number | null;
}
export interface EconomyScore {
  indicators: Record<string, IndicatorResult>;
  pillars: Record<string, PillarResult>;
  overall: {
    score: number | null;
    /** Σ_p W_p · coverage_p / Σ_p W_p: the known share of the whole framework. */
    coverage: number;
    pillarsKnown: number;
    pillarsTotal: number;
  };
}

export interface PillarDistance { value: number | null; coverage: number; compared: number }
export interface Distance {
  value: number | null;
  coverage: number;
  /** Items (H) or pillars (D) known for both economies. */
  compared: number;
  pillars: Record<string, PillarDistance>;
}
export type Metric = 'H' | 'D';

// Sums of the same numbers in a different order can differ in the last bit; rounding far below
// any displayed precision keeps mathematically equal results equal (ranking ties, "> current").
function snap(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function optionOf(ind: Indicator, categoryId: string) {
  const o = ind.options.find((c) => c.id === categoryId);
  if (!o) throw new RangeError(`${categoryId} is not a category of indicator ${ind.id}`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Indicator score from measures

/**
 * The score of one indicator for one economy from the measures recorded for it.
 *
 * - Pending measures are recorded, never scored.
 * - ordinal/binary: the most restrictive category among the measures in force (the least
 *   restrictive when the indicator's `select` says so: records of frameworks or commitments, where
 *   the strongest one in force decides), then the escalation rules ("more than one category-2
 *   measure => 1").
 * - count: `value` if given, else the number of measures in force; per_measure rule (1.4: 0.25
 *   each, cap 1). A measure's category is ignored here: "2 measures" is a tally, not an answer.
 * - formula: `value` through the linear rule, clamped to [0, 1].
 * - Nothing in force and absence not confirmed => unknown (null), never 0. Absence confirmed =>
 *   the absence rule's category (1 for "Lack of ..." / "Not in ...", "none" for restrictions).
 * Contradictions (absence confirmed but measures in force, a count that disagrees with the
 * measures) are refused with a RangeError rather than resolved silently.
 */
export function scoreIndicator(indicator: Indicator, evidence: Evidence): IndicatorScore {
  const measures = evidence.measures ?? [];
  const absence = evidence.absenceConfirmed === true;
  const value = evidence.value ?? null;
  for (const m of measures) {
    if (m.status !== 'in_force' && m.status !== 'pending') {
      throw new RangeError(`${indicator.id}: measure status must be in_force or pending, got ${String(m.status)}`);
    }
    if (indicator.type !== 'count' && indicator.type !== 'formula') {
      if (m.categoryId === null || m.categoryId === undefined) throw new RangeError(`${indicator.id}: a measure has no category`);
      optionOf(indicator, m.categoryId);
    }
  }
  const inForce = measures.filter((m) => m.status === 'in_force');
  const pending = measures.length - inForce.length;
  const pendingNote = pending ? `; ${pending} pending measure(s) recorded, not scored` : '';
  if (value !== null && !Number.isFinite(value)) throw new RangeError(`${indicator.id}: value must be a finite number, got ${value}`);
  if (absence && inForce.length) {
    throw new RangeError(`${indicator.id}: absence is confirmed but ${inForce.length} measure(s) are in force`);
  }
  const absenceRule = indicator.rules.find((r) => r.kind === 'absence');

  if (indicator.type === 'formula') {
    const rule = indicator.rules.find((r) => r.kind === 'linear');
    if (!rule) throw new RangeError(`${indicator.id}: formula indicator without a linear rule`);
    if (inForce.length) throw new RangeError(`${indicator.id}: a formula indicator is scored from a value, not from measures`);
    if (absence) throw new RangeError(`${indicator.id}: absence has no meaning for a formula indicator; give the value`);
    if (value === null) return { score: null, categoryId: null, basis: `unknown: no value for ${rule.variable}${pendingNote}`, kind: 'unknown' };
    if ((rule.domainMin !== undefined && value < rule.domainMin) || (rule.domainMax !== undefined && value > rule.domainMax)) {
      throw new RangeError(`${indicator.id}: value ${value} is outside [${rule.domainMin ?? '-∞'}, ${rule.domainMax ?? '∞'}]`);
    }
    const raw = rule.intercept + rule.slope * value;
    const score = snap(Math.min(1, Math.max(0, raw)));
    const clamp = score !== snap(raw) ? `, clamped to ${fmt(score)}` : '';
    return { score, categoryId: null, basis: `f(${fmt(value)}) = ${fmt(rule.intercept)} + ${fmt(rule.slope)} × ${fmt(value)} = ${fmt(raw)}${clamp}`, kind: 'formula' };
  }

  if (value !== null && indicator.type !== 'count') {
    throw new RangeError(`${indicator.id}: a number is only taken by count and formula indicators, not ${indicator.type}`);
  }

  if (indicator.type === 'count') {
    const rule = indicator.rules.find((r) => r.kind === 'per_measure');
    if (!rule) throw new RangeError(`${indicator.id}: count indicator without a per_measure rule`);
    if (value !== null && (!Number.isInteger(value) || value < 0)) throw new RangeError(`${indicator.id}: count must be an integer >= 0, got ${value}`);
    if (value !== null && inForce.length && value !== inForce.length) {
      throw new RangeError(`${indicator.id}: count ${value} disagrees with ${inForce.length} measure(s) in force`);
    }
    if (absence && value !== null && value > 0) throw new RangeError(`${indicator.id}: absence is confirmed but the count is ${value}`);
    let n: number;
    if (value !== null) n = value;
    else if (inForce.length) n = inForce.length;
    else if (absence) n = 0;
    else return { score: null, categoryId: null, basis: `unknown: no count, no measure in force and absence not confirmed${pendingNote}`, kind: 'unknown' };
    const score = snap(Math.min(rule.cap, rule.step * n));
    const cat = indicator.options.find((o) => o.score !== null && snap(o.score) === score) ?? null;
    return {
      score,
      categoryId: cat ? cat.id : null,
      basis: `${n} measure(s) × ${fmt(rule.step)} = ${fmt(rule.step * n)}, cap ${fmt(rule.cap)} => ${fmt(score)}${absence && n === 0 ? ' (absence confirmed)' : ''}${pendingNote}`,
      kind: n === 0 && absence ? 'absence' : 'count',
    };
  }

  // ordinal / binary
  if (!inForce.length) {
    if (!absence) return { score: null, categoryId: null, basis: `unknown: no measure in force and absence not confirmed${pendingNote}`, kind: 'unknown' };
    if (!absenceRule) {
      // The framework does not say what absence means here; guessing would invent an answer.
      return { score: null, categoryId: null, basis: `unknown: absence confirmed but the framework gives no absence rule for ${indicator.id}${pendingNote}`, kind: 'unknown' };
    }
    const o = optionOf(indicator, absenceRule.categoryId);
    return { score: o.score, categoryId: o.id, basis: `absence confirmed => ${o.id} (${o.criterion})${pendingNote}`, kind: 'absence' };
  }
  const least = indicator.select === 'least_restrictive';
  let chosen = optionOf(indicator, inForce[0].categoryId as string);
  for (const m of inForce) {
    const o = optionOf(indicator, m.categoryId as string);
    const s = o.score as number;
    const c = chosen.score as number;
    if (least ? s < c : s > c) chosen = o;
  }
  let basis = `${least ? 'least' : 'most'} restrictive of ${inForce.length} measure(s) in force: ${chosen.id}`;
  let kind: ScoreKind = 'measures';
  // Escalation can chain (a rule's target may be another rule's source), so repeat until stable.
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of indicator.rules) {
      if (r.kind !== 'escalate') continue;
      const count = inForce.filter((m) => m.categoryId === r.from).length;
      const to = optionOf(indicator, r.to);
      if (count >= r.minCount && (to.score as number) > (chosen.score as number)) {
        basis += `; ${count} measures of ${r.from} => ${r.to} (${r.text})`;
        chosen = to;
        kind = 'escalated';
        changed = true;
      }
    }
  }
  return { score: chosen.score, categoryId: chosen.id, basis: basis + pendingNote, kind };
}

// ---------------------------------------------------------------------------------------------
// Answers and economy scores

/** Checks answers against the framework and fills a category's score; unknown ids and mismatches throw. */
export function normaliseAnswers(framework: Framework, answers: Answers): Answers {
  const byId = new Map<string, Indicator>();
  for (const p of framework.pillars) for (const i of p.indicators) byId.set(i.id, i);
  const out: Answers = {};
  for (const [id, a] of Object.entries(answers)) {
    const ind = byId.get(id);
    if (!ind) throw new RangeError(`answer for ${id}, which is not an indicator of ${framework.id} ${framework.version}`);
    out[id] = resolveAnswer(ind, a);
  }
  return out;
}

function resolveAnswer(ind: Indicator, a: AnswerEdit | Answer | null | undefined): Answer {
  if (a === null || a === undefined) return { categoryId: null, score: null };
  const categoryId = a.categoryId ?? null;
  let score = a.score ?? null;
  if (score !== null && (!Number.isFinite(score) || score < 0 || score > 1)) {
    throw new RangeError(`${ind.id}: score must be in [0, 1], got ${score}`);
  }
  if (categoryId !== null) {
    const o = optionOf(ind, categoryId);
    if (o.score !== null) {
      if (score === null) score = o.score;
      else if (Math.abs(score - o.score) > 1e-9) throw new RangeError(`${ind.id}: category ${categoryId} scores ${o.score}, but the answer says ${score}`);
    }
  }
  return { categoryId, score };
}

function pillarWeights(framework: Framework, options: ScoreOptions): Map<string, number> {
  const w = new Map<string, number>();
  const given = options.pillarWeights;
  if (given) {
    const ids = new Set(framework.pillars.map((p) => p.id));
    for (const k of Object.keys(given)) if (!ids.has(k)) throw new RangeError(`pillarWeights: ${k} is not a pillar`);
  }
  let total = 0;
  for (const p of framework.pillars) {
    const v = given ? given[p.id] : p.weight;
    if (v === undefined) throw new RangeError(`pillarWeights: no weight for pillar ${p.id}`);
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`pillarWeights: weight of pillar ${p.id} must be a finite number >= 0, got ${v}`);
    w.set(p.id, v);
    total += v;
  }
  if (!(total > 0)) throw new RangeError('pillarWeights: weights sum to 0');
  return w;
}

function included(ind: Indicator, options: ScoreOptions): boolean {
  return !(options.excludeNonRegulatory && ind.nonRegulatory);
}

/**
 * Indicator, pillar and overall scores for one economy.
 * Pillar P_p = Σ_k w_k s_k / Σ_k w_k over known k (coverage = known weight / all weight);
 * overall = Σ_p W_p P_p / Σ_p W_p over pillars with a known score (equal W_p: the mean).
 */
export function scoreEconomy(framework: Framework, answers: Answers, options: ScoreOptions = {}): EconomyScore {
  const ans = normaliseAnswers(framework, answers);
  const W = pillarWeights(framework, options);
  const indicators: Record<string, IndicatorResult> = {};
  const pillars: Record<string, PillarResult> = {};
  const inner = new Map<string, number>(); // Σ w over known, per pillar
  let wKnown = 0;
  let wAll = 0;
  let covSum = 0;
  let overallSum = 0;
  let pillarsKnown = 0;
  for (const p of framework.pillars) {
    let sum = 0;
    let known = 0;
    let total = 0;
    let nKnown = 0;
    let nTotal = 0;
    for (const ind of p.indicators) {
      const a = ans[ind.id] ?? { categoryId: null, score: null };
      const inc = included(ind, options);
      indicators[ind.id] = { indicatorId: ind.id, pillarId: p.id, categoryId: a.categoryId, score: a.score, weight: ind.weight, excluded: !inc, contribution: null };
      if (!inc) continue;
      total += ind.weight;
      nTotal++;
      if (a.score === null) continue;
      sum += ind.weight * a.score;
      known += ind.weight;
      nKnown++;
    }
    const score = known > 0 ? snap(sum / known) : null;
    const coverage = total > 0 ? snap(known / total) : 0;
    inner.set(p.id, known);
    pillars[p.id] = { pillarId: p.id, pillar: p.pillar, name: p.name, score, coverage, known: nKnown, total: nTotal, weight: W.get(p.id) as number, contribution: null };
    wAll += W.get(p.id) as number;
    covSum += (W.get(p.id) as number) * coverage;
    if (score !== null) {
      wKnown += W.get(p.id) as number;
      overallSum += (W.get(p.id) as number) * score;
      pillarsKnown++;
    }
  }
  const overall = wKnown > 0 ? snap(overallSum / wKnown) : null;
  if (wKnown > 0) {
    for (const p of framework.pillars) {
      const pr = pillars[p.id];
      if (pr.score === null) continue;
      const Wp = pr.weight / wKnown;
      pr.contribution = snap(Wp * pr.score);
      const k = inner.get(p.id) as number;
      for (const ind of p.indicators) {
        const r = indicators[ind.id];
        if (r.excluded || r.score === null) continue;
        r.contribution = snap(Wp * (ind.weight / k) * r.score);
      }
    }
  }
  return {
    indicators,
    pillars,
    overall: { score: overall, coverage: wAll > 0 ? snap(covSum / wAll) : 0, pillarsKnown, pillarsTotal: framework.pillars.length },
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison

function sameAnswer(ind: Indicator, a: Answer, b: Answer): boolean {
  // Categories are the answers H compares (two equally strict but different regimes differ).
  // Formula items and answers known only by score have no category: compare the scores.
  if (ind.type !== 'formula' && a.categoryId !== null && b.categoryId !== null) return a.categoryId === b.categoryId;
  return Math.abs((a.score as number) - (b.score as number)) < 1e-9;
}

function heterogeneityNormalised(framework: Framework, a: Answers, b: Answers, W: Map<string, number>, options: ScoreOptions): Distance {
  const pillars: Record<string, PillarDistance> = {};
  let num = 0;
  let den = 0;
  let covSum = 0;
  let wAll = 0;
  let compared = 0;
  for (const p of framework.pillars) {
    let diff = 0;
    let both = 0;
    let total = 0;
    let n = 0;
    for (const ind of p.indicators) {
      if (!included(ind, options)) continue;
      total += ind.weight;
      const x = a[ind.id];
      const y = b[ind.id];
      if (!x || !y || x.score === null || y.score === null) continue;
      both += ind.weight;
      n++;
      if (!sameAnswer(ind, x, y)) diff += ind.weight;
    }
    const value = both > 0 ? snap(diff / both) : null;
    const coverage = total > 0 ? snap(both / total) : 0;
    pillars[p.id] = { value, coverage, compared: n };
    const Wp = W.get(p.id) as number;
    wAll += Wp;
    covSum += Wp * coverage;
    compared += n;
    if (value !== null) {
      num += Wp * value;
      den += Wp;
    }
  }
  return { value: den > 0 ? snap(num / den) : null, coverage: wAll > 0 ? snap(covSum / wAll) : 0, compared, pillars };
}

/**
 * Heterogeneity H between two economies (OECD Digital STRI, Nordås 2016):
 * H_p = Σ_{k∈p} w_k 1[a_k ≠ b_k] / Σ_{k∈p} w_k over items answered by both;
 * H = Σ_p W_p H_p / Σ_p W_p over pillars with at least one such item.
 * Renormalising inside each pillar keeps each pillar's share W_p however many of its items are
 * known, the same convention as the scores. Coverage = Σ_p W_p (both-known weight share of p) / Σ W_p.
 */
export function heterogeneity(framework: Framework, a: Answers, b: Answers, options: ScoreOptions = {}): Distance {
  return heterogeneityNormalised(framework, normaliseAnswers(framework, a), normaliseAnswers(framework, b), pillarWeights(framework, options), options);
}

export type PillarScores = Record<string, number | null>;
function pillarScoresOf(x: EconomyScore | PillarScores): PillarScores {
  if ('pillars' in x && 'overall' in x && typeof x.overall === 'object') {
    const out: PillarScores = {};
    for (const [k, v] of Object.entries((x as EconomyScore).pillars)) out[k] = v.score;
    return out;
  }
  return x as PillarScores;
}

/**
 * Level gap D = Σ_p W_p |P_a − P_b| / Σ_p W_p over pillars scored for both (renormalised);
 * coverage = the share of pillar weight scored for both. Takes scoreEconomy results or plain
 * pillar-id -> score records.
 */
export function levelGap(framework: Framework, scoresA: EconomyScore | PillarScores, scoresB: EconomyScore | PillarScores, options: ScoreOptions = {}): Distance {
  const W = pillarWeights(framework, options);
  const a = pillarScoresOf(scoresA);
  const b = pillarScoresOf(scoresB);
  const pillars: Record<string, PillarDistance> = {};
  let num = 0;
  let den = 0;
  let wAll = 0;
  let compared = 0;
  for (const p of framework.pillars) {
    const x = a[p.id] ?? null;
    const y = b[p.id] ?? null;
    for (const v of [x, y]) if (v !== null && (!Number.isFinite(v) || v < 0 || v > 1)) throw new RangeError(`levelGap: pillar ${p.id} score must be in [0, 1], got ${v}`);
    const Wp = W.get(p.id) as number;
    wAll += Wp;
    if (x === null || y === null) {
      pillars[p.id] = { value: null, coverage: 0, compared: 0 };
      continue;
    }
    const gap = snap(Math.abs(x - y));
    pillars[p.id] = { value: gap, coverage: 1, compared: 1 };
    num += Wp * gap;
    den += Wp;
    compared++;
  }
  return { value: den > 0 ? snap(num / den) : null, coverage: wAll > 0 ? snap(den / wAll) : 0, compared, pillars };
}

export interface DistanceMatrix {
  metric: Metric;
  economies: string[];
  value: Array<Array<number | null>>;
  coverage: number[][];
  /** Each unordered pair once (i < j), for tables and downloads. */
  pairs: Array<{ a: string; b: string; value: number | null; coverage: number }>;
}

/** H or D between every pair of the given economies (symmetric; the diagonal compares an economy with itself). */
export function distanceMatrix(framework: Framework, answersByEconomy: Record<string, Answers>, metric: Metric, options: ScoreOptions = {}): DistanceMatrix {
  if (metric !== 'H' && metric !== 'D') throw new RangeError(`metric must be H or D, got ${String(metric)}`);
  const W = pillarWeights(framework, options);
  const economies = Object.keys(answersByEconomy);
  const norm = economies.map((e) => {
    try {
      return normaliseAnswers(framework, answersByEconomy[e]);
    } catch (err) {
      throw new RangeError(`${e}: ${(err as Error).message}`);
    }
  });
  const scores = metric === 'D' ? norm.map((a) => scoreEconomy(framework, a, options)) : [];
  const n = economies.length;
  const value: Array<Array<number | null>> = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  const coverage: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const pairs: DistanceMatrix['pairs'] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const d = metric === 'H' ? heterogeneityNormalised(framework, norm[i], norm[j], W, options) : levelGap(framework, scores[i], scores[j], options);
      value[i][j] = value[j][i] = d.value;
      coverage[i][j] = coverage[j][i] = d.coverage;
      if (i < j) pairs.push({ a: economies[i], b: economies[j], value: d.value, coverage: d.coverage });
    }
  }
  return { metric, economies, value, coverage, pairs };
}

export interface PillarDispersion {
  pillarId: string;
  pillar: number;
  name: string;
  /** Mean pairwise H_p over the pairs that share at least one answered item in the pillar. */
  dispersion: number | null;
  pairs: number;
  totalPairs: number;
  /** Mean pairwise coverage of H_p (over all pairs). */
  coverage: number;
  /** Mean pillar score of the group's scored economies: low restrictiveness + high dispersion marks cheap convergence. */
  meanScore: number | null;
  scored: number;
}

/** Per-pillar dispersion across a group: mean pairwise H^p, with coverage and the group's mean restrictiveness. */
export function pillarDispersion(framework: Framework, answersByEconomy: Record<string, Answers>, options: ScoreOptions = {}): PillarDispersion[] {
  const W = pillarWeights(framework, options);
  const economies = Object.keys(answersByEconomy);
  const norm = economies.map((e) => normaliseAnswers(framework, answersByEconomy[e]));
  const scores = norm.map((a) => scoreEconomy(framework, a, options));
  const acc = new Map<string, { sum: number; n: number; cov: number }>();
  for (const p of framework.pillars) acc.set(p.id, { sum: 0, n: 0, cov: 0 });
  let totalPairs = 0;
  for (let i = 0; i < norm.length; i++) {
    for (let j = i + 1; j < norm.length; j++) {
      totalPairs++;
      const h = heterogeneityNormalised(framework, norm[i], norm[j], W, options);
      for (const p of framework.pillars) {
        const a = acc.get(p.id)!;
        const hp = h.pillars[p.id];
        a.cov += hp.coverage;
        if (hp.value !== null) {
          a.sum += hp.value;
          a.n++;
        }
      }
    }
  }
  return framework.pillars.map((p) => {
    const a = acc.get(p.id)!;
    const ps = scores.map((s) => s.pillars[p.id].score).filter((s): s is number => s !== null);
    return {
      pillarId: p.id,
      pillar: p.pillar,
      name: p.name,
      dispersion: a.n > 0 ? snap(a.sum / a.n) : null,
      pairs: a.n,
      totalPairs,
      coverage: totalPairs > 0 ? snap(a.cov / totalPairs) : 0,
      meanScore: ps.length ? snap(ps.reduce((x, y) => x + y, 0) / ps.length) : null,
      scored: ps.length,
    };
  });
}

/** |A ∩ B| / |A ∪ B|; null when both are empty (no adopted instrument to align on: undefined, not 0 or 1). */
export function jaccard(setA: Iterable<string>, setB: Iterable<string>): number | null {
  const a = new Set(setA);
  const b = new Set(setB);
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? null : snap(inter / union);
}

export interface Alignment { value: number | null; coverage: number; compared: number; total: number; shared: string[] }

/**
 * Treaty / model-law alignment: Jaccard of the adopted sets over the instruments whose status is
 * known for both (true adopted, false not, null unknown). An instrument unknown for either side
 * is left out rather than read as "not adopted"; coverage = compared / all instruments named.
 */
export function treatyAlignment(a: Record<string, boolean | null>, b: Record<string, boolean | null>): Alignment {
  const all = new Set([...Object.keys(a), ...Object.keys(b)]);
  const A: string[] = [];
  const B: string[] = [];
  let compared = 0;
  for (const k of all) {
    const x = a[k] ?? null;
    const y = b[k] ?? null;
    if (x === null || y === null) continue;
    compared++;
    if (x) A.push(k);
    if (y) B.push(k);
  }
  const shared = A.filter((k) => B.includes(k)).sort();
  return { value: jaccard(A, B), coverage: all.size ? snap(compared / all.size) : 0, compared, total: all.size, shared };
}

// ---------------------------------------------------------------------------------------------
// Simulator

export interface PartnerDistance {
  economy: string;
  before: Distance;
  after: Distance;
  /** after − before (negative = closer); null when either is unknown. */
  change: number | null;
  levelGapBefore: Distance;
  levelGapAfter: Distance;
}
export interface SimulationChange { indicatorId: string; from: Answer; to: Answer; raisesRestrictiveness: boolean | null }
export interface Simulation {
  answers: Answers;
  before: EconomyScore;
  after: EconomyScore;
  changes: SimulationChange[];
  partners: PartnerDistance[];
  /** Mean H to the partners with a known H. */
  meanDistance: { before: number | null; after: number | null; change: number | null };
}

function mean(xs: Array<number | null>): number | null {
  const k = xs.filter((x): x is number => x !== null);
  return k.length ? snap(k.reduce((s, x) => s + x, 0) / k.length) : null;
}

function applyEdits(framework: Framework, answers: Answers, edits: Record<string, AnswerEdit | null>): { answers: Answers; changes: SimulationChange[] } {
  const byId = new Map<string, Indicator>();
  for (const p of framework.pillars) for (const i of p.indicators) byId.set(i.id, i);
  const out: Answers = { ...answers };
  const changes: SimulationChange[] = [];
  for (const [id, e] of Object.entries(edits)) {
    const ind = byId.get(id);
    if (!ind) throw new RangeError(`edit for ${id}, which is not an indicator of ${framework.id} ${framework.version}`);
    const from = out[id] ?? { categoryId: null, score: null };
    const to = resolveAnswer(ind, e);
    out[id] = to;
    changes.push({ indicatorId: id, from, to, raisesRestrictiveness: from.score === null || to.score === null ? null : snap(to.score) > snap(from.score) });
  }
  return { answers: out, changes };
}

/**
 * Copy an economy's answers, apply the edits, and recompute its scores, each answer's
 * contribution, and H (and D) to every partner before and after.
 */
export function simulate(
  framework: Framework,
  answers: Answers,
  edits: Record<string, AnswerEdit | null>,
  partners: Record<string, Answers>,
  options: ScoreOptions = {},
): Simulation {
  const W = pillarWeights(framework, options);
  const base = normaliseAnswers(framework, answers);
  const { answers: edited, changes } = applyEdits(framework, base, edits);
  const before = scoreEconomy(framework, base, options);
  const after = scoreEconomy(framework, edited, options);
  const partnerRows = Object.entries(partners).map(([economy, pa]) => {
    const p = normaliseAnswers(framework, pa);
    const ps = scoreEconomy(framework, p, options);
    const hb = heterogeneityNormalised(framework, base, p, W, options);
    const ha = heterogeneityNormalised(framework, edited, p, W, options);
    return {
      economy,
      before: hb,
      after: ha,
      change: hb.value !== null && ha.value !== null ? snap(ha.value - hb.value) : null,
      levelGapBefore: levelGap(framework, before, ps, options),
      levelGapAfter: levelGap(framework, after, ps, options),
    };
  });
  const mb = mean(partnerRows.map((r) => r.before.value));
  const ma = mean(partnerRows.map((r) => r.after.value));
  return {
    answers: edited,
    before,
    after,
    changes,
    partners: partnerRows,
    meanDistance: { before: mb, after: ma, change: mb !== null && ma !== null ? snap(ma - mb) : null },
  };
}

export interface Reform {
  indicatorId: string;
  pillarId: string;
  /** The current category; null when the answer is unknown today (fromUnknown). */
  fromCategoryId: string | null;
  toCategoryId: string;
  fromScore: number | null;
  toScore: number;
  /**
   * The answer is unknown today: the candidate is a hypothesis ("if the rule were X"), not a
   * change of a confirmed rule. Setting it also adds the item to the comparison with every partner
   * that answers it, so it can cut H (same answer) or raise it (different answer).
   */
  fromUnknown: boolean;
  /**
   * The new category scores higher (more restrictive) than the current one. For an unknown answer
   * there is no current score, so the comparison is with the partners' mean score on the item
   * (partners that answer it): true when the hypothesis is stricter than the partners are on
   * average; false when no partner answers it (nothing to compare with).
   */
  raisesRestrictiveness: boolean;
  meanDistanceBefore: number | null;
  meanDistanceAfter: number | null;
  /** before − after: how much the reform cuts the mean H to the partners (negative = moves away). */
  reduction: number | null;
  overallBefore: number | null;
  overallAfter: number | null;
}

/**
 * Every single-answer reform, ranked by how much it cuts the mean H to the partners; ties prefer
 * reforms that do not raise restrictiveness, then the lower new score, then framework order.
 * Candidates: each other category of each indicator answered with a category, and each category
 * of each indicator whose answer is unknown today (flagged fromUnknown: a hypothesis, ranked
 * together with the others by the same reduction). Formula items have no categories to move
 * between; items known only by a score (counts without a category) are not moved either.
 */
export function rankReforms(framework: Framework, answers: Answers, partners: Record<string, Answers>, options: ScoreOptions = {}): Reform[] {
  const W = pillarWeights(framework, options);
  const base = normaliseAnswers(framework, answers);
  const ps = Object.values(partners).map((p) => normaliseAnswers(framework, p));
  const meanH = (ans: Answers) => mean(ps.map((p) => heterogeneityNormalised(framework, ans, p, W, options).value));
  const before = meanH(base);
  const overallBefore = scoreEconomy(framework, base, options).overall.score;
  const out: Array<Reform & { order: number }> = [];
  let order = 0;
  for (const p of framework.pillars) {
    for (const ind of p.indicators) {
      if (!included(ind, options) || ind.type === 'formula') continue;
      const cur = base[ind.id] ?? { categoryId: null, score: null };
      const fromUnknown = cur.score === null;
      if (!fromUnknown && cur.categoryId === null) continue;
      // What an unknown answer's hypothesis is compared with: the partners' mean score on the item.
      const partnerMean = fromUnknown ? mean(ps.map((x) => x[ind.id]?.score ?? null)) : null;
      for (const o of ind.options) {
        if (o.score === null || (!fromUnknown && o.id === cur.categoryId)) continue;
        const next = { ...base, [ind.id]: { categoryId: o.id, score: o.score } };
        const after = meanH(next);
        out.push({
          indicatorId: ind.id,
          pillarId: p.id,
          fromCategoryId: fromUnknown ? null : cur.categoryId,
          toCategoryId: o.id,
          fromScore: fromUnknown ? null : cur.score,
          toScore: o.score,
          fromUnknown,
          raisesRestrictiveness: fromUnknown
            ? partnerMean !== null && snap(o.score) > partnerMean
            : snap(o.score) > snap(cur.score as number),
          meanDistanceBefore: before,
          meanDistanceAfter: after,
          reduction: before !== null && after !== null ? snap(before - after) : null,
          overallBefore,
          overallAfter: scoreEconomy(framework, next, options).overall.score,
          order: order++,
        });
      }
    }
  }
  out.sort((x, y) => {
    if (x.reduction !== y.reduction) {
      if (x.reduction === null) return 1;
      if (y.reduction === null) return -1;
      return y.reduction - x.reduction;
    }
    if (x.raisesRestrictiveness !== y.raisesRestrictiveness) return x.raisesRestrictiveness ? 1 : -1;
    if (x.toScore !== y.toScore) return x.toScore - y.toScore;
    return x.order - y.order;
  });
  return out.map(({ order: _order, ...r }) => r);
}

/** Pillar of an indicator id, or null. Convenience for callers that hold only ids. */
export function pillarOf(framework: Framework, indicatorId: string): Pillar | null {
  return framework.pillars.find((p) => p.indicators.some((i) => i.id === indicatorId)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Coverage gate and the reformer's simulator

/**
 * Whether a score or distance rests on enough of the framework (docs/methodology.md#coverage-gate):
 * coverage is the share of weight known; below `min` it is "not enough data", never ranked or coloured.
 */
export function meetsCoverage(coverage: number, min: number): boolean {
  return snap(coverage) >= snap(min);
}

export type ReformGoal = 'partners' | 'best_practice' | 'average';
export type Direction = 'liberalising' | 'neutral' | 'restricting';

export interface PlannedReform {
  indicatorId: string;
  pillarId: string;
  fromCategoryId: string | null;
  fromScore: number | null;
  toCategoryId: string;
  toScore: number;
  fromUnknown: boolean;
  /** Against the current score; for a hypothesis (unknown today) against the partners' mean score on the item (neutral when none answers it). */
  direction: Direction;
  overallBefore: number | null;
  overallAfter: number | null;
  meanDistanceBefore: number | null;
  meanDistanceAfter: number | null;
  /** How much the reform advances the chosen goal (positive = closer to it); null when it cannot be measured. */
  gain: number | null;
  /** The partners' answers on the item (category null = unknown). */
  partners: Array<{ economy: string; categoryId: string | null; score: number | null }>;
  /** average goal: the regional mean score on the item (economies answering it). */
  target: number | null;
}

export interface ReformPlan {
  goal: ReformGoal;
  /** Changes of answers known today, ranked. */
  reforms: PlannedReform[];
  /** Hypotheses about answers unknown today, listed apart and ranked the same way. */
  hypotheses: PlannedReform[];
}

const DIRECTION_RANK: Record<Direction, number> = { liberalising: 0, neutral: 1, restricting: 2 };

/**
 * Candidate single-answer reforms for a goal:
 * - partners: any other category; gain = the cut in mean H to the partners;
 * - best_practice: the least restrictive answer any partner gives; gain = the fall of the own overall score;
 * - average: the category closest to the regional mean score on the item (`region`: the economies
 *   averaged, e.g. every FEALAC economy with enough coverage); gain = the fall in W'_p·w'_k·|s − mean|.
 * Only reforms that advance the goal (gain > 0, or unmeasurable for a hypothesis) are kept. By default
 * (`liberalisingFirst`) every reform that lowers restrictiveness ranks above any that is neutral, and those
 * above any that raises it; within a direction by gain, then the lower new score, then framework order.
 */
export function planReforms(
  framework: Framework,
  answers: Answers,
  partners: Record<string, Answers>,
  opts: { goal: ReformGoal; region?: Record<string, Answers>; liberalisingFirst?: boolean },
  options: ScoreOptions = {},
): ReformPlan {
  const W = pillarWeights(framework, options);
  const totalW = [...W.values()].reduce((a, b) => a + b, 0);
  const base = normaliseAnswers(framework, answers);
  const partnerIds = Object.keys(partners);
  const ps = partnerIds.map((p) => normaliseAnswers(framework, partners[p]));
  const region = opts.region ? Object.values(opts.region).map((r) => normaliseAnswers(framework, r)) : ps;
  const meanH = (ans: Answers) => mean(ps.map((p) => heterogeneityNormalised(framework, ans, p, W, options).value));
  const hBefore = meanH(base);
  const overallBefore = scoreEconomy(framework, base, options).overall.score;
  const all: Array<PlannedReform & { order: number }> = [];
  let order = 0;
  for (const p of framework.pillars) {
    const inPillar = p.indicators.filter((i) => included(i, options)).reduce((a, i) => a + i.weight, 0);
    for (const ind of p.indicators) {
      if (!included(ind, options) || ind.type === 'formula') continue;
      const cur = base[ind.id] ?? { categoryId: null, score: null };
      const fromUnknown = cur.score === null;
      if (!fromUnknown && cur.categoryId === null) continue;
      const partnerAnswers = partnerIds.map((e, i) => ({ economy: e, categoryId: ps[i][ind.id]?.categoryId ?? null, score: ps[i][ind.id]?.score ?? null }));
      const partnerMean = mean(partnerAnswers.map((x) => x.score));
      const regionMean = mean(region.map((r) => r[ind.id]?.score ?? null));
      const scored = ind.options.filter((o) => o.score !== null);
      let targets: typeof scored;
      if (opts.goal === 'partners') targets = scored;
      else if (opts.goal === 'best_practice') {
        const known = partnerAnswers.filter((x) => x.categoryId !== null && x.score !== null);
        if (!known.length) continue;
        const best = known.reduce((a, b) => ((b.score as number) < (a.score as number) ? b : a));
        targets = scored.filter((o) => o.id === best.categoryId);
      } else {
        if (regionMean === null) continue;
        const closest = [...scored].sort((a, b) => Math.abs((a.score as number) - regionMean) - Math.abs((b.score as number) - regionMean) || (a.score as number) - (b.score as number))[0];
        targets = [closest];
      }
      for (const o of targets) {
        if (!fromUnknown && o.id === cur.categoryId) continue;
        const to = o.score as number;
        const next = { ...base, [ind.id]: { categoryId: o.id, score: to } };
        const hAfter = meanH(next);
        const overallAfter = scoreEconomy(framework, next, options).overall.score;
        const ref = fromUnknown ? partnerMean : (cur.score as number);
        const direction: Direction = ref === null || snap(to) === snap(ref) ? 'neutral' : snap(to) < snap(ref) ? 'liberalising' : 'restricting';
        let gain: number | null;
        if (opts.goal === 'partners') gain = hBefore !== null && hAfter !== null ? snap(hBefore - hAfter) : null;
        else if (opts.goal === 'best_practice') gain = fromUnknown || overallBefore === null || overallAfter === null ? null : snap(overallBefore - overallAfter);
        else {
          const w = ((W.get(p.id) as number) / totalW) * (inPillar > 0 ? ind.weight / inPillar : 0);
          gain = fromUnknown || regionMean === null ? null : snap(w * (Math.abs((cur.score as number) - regionMean) - Math.abs(to - regionMean)));
        }
        if (gain !== null && !(gain > 0)) continue;
        if (gain === null && !fromUnknown) continue;
        all.push({
          indicatorId: ind.id,
          pillarId: p.id,
          fromCategoryId: fromUnknown ? null : cur.categoryId,
          fromScore: fromUnknown ? null : cur.score,
          toCategoryId: o.id,
          toScore: to,
          fromUnknown,
          direction,
          overallBefore,
          overallAfter,
          meanDistanceBefore: hBefore,
          meanDistanceAfter: hAfter,
          gain,
          partners: partnerAnswers,
          target: opts.goal === 'average' ? regionMean : null,
          order: order++,
        });
      }
    }
  }
  const liberalisingFirst = opts.liberalisingFirst !== false;
  const sort = (x: PlannedReform & { order: number }, y: PlannedReform & { order: number }) => {
    if (liberalisingFirst && x.direction !== y.direction) return DIRECTION_RANK[x.direction] - DIRECTION_RANK[y.direction];
    if (x.gain !== y.gain) {
      if (x.gain === null) return 1;
      if (y.gain === null) return -1;
      return y.gain - x.gain;
    }
    if (x.toScore !== y.toScore) return x.toScore - y.toScore;
    return x.order - y.order;
  };
  const strip = (list: Array<PlannedReform & { order: number }>) => list.sort(sort).map(({ order: _o, ...r }) => r);
  return { goal: opts.goal, reforms: strip(all.filter((r) => !r.fromUnknown)), hypotheses: strip(all.filter((r) => r.fromUnknown)) };
}
