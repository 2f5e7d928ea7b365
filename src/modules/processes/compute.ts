// BPA calculations (bpa.md §5, METHODS §7), pure: elapsed time as the critical path through the
// dependency graph (the headline), the plain sum beside it, cost as a sum in US$ at dated rates,
// counts, shares by area and actor, ranked bottlenecks and as-is vs to-be deltas. An unknown time,
// cost or rate makes the totals it enters unknown, and the analysis says which and why.
import type { Area, BpaCase, Step } from './schema.js';
import tfLinks from './tf-links.json' with { type: 'json' };

export class CycleError extends Error {
  constructor(readonly stepIds: string[]) {
    super(`the step dependencies form a cycle through ${stepIds.join(' → ')}; a step cannot wait for itself`);
    this.name = 'CycleError';
  }
}

export class GraphError extends Error {}

// ---------------------------------------------------------------- the graph

export interface Node {
  id: string;
  /** Duration in days; null = unknown. */
  duration: number | null;
  predecessors: string[];
}

export interface Scheduled {
  id: string;
  es: number | null;
  ef: number | null;
  ls: number | null;
  lf: number | null;
  slack: number | null;
  critical: boolean | null;
}

export interface Schedule {
  /** In topological order. */
  steps: Scheduled[];
  /** Longest path (max EF); null when any duration is unknown. */
  elapsed: number | null;
  /** Plain sum; null when any duration is unknown. */
  sum: number | null;
  /** Partial sum over the known durations. */
  knownSum: number;
  /** Step ids on the critical path, in order (empty when elapsed is unknown). */
  criticalPath: string[];
  unknown: string[];
}

/** Kahn's algorithm; a cycle is refused, naming the steps on it. */
export function topologicalOrder(nodes: Node[]): string[] {
  const ids = new Set<string>();
  for (const n of nodes) {
    if (ids.has(n.id)) throw new GraphError(`step id "${n.id}" appears twice`);
    ids.add(n.id);
  }
  for (const n of nodes)
    for (const p of n.predecessors) {
      if (!ids.has(p)) throw new GraphError(`step "${n.id}": predecessor "${p}" is not a step of this case`);
      if (p === n.id) throw new CycleError([n.id, n.id]);
    }
  const indegree = new Map(nodes.map((n) => [n.id, n.predecessors.length]));
  const next = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const n of nodes) for (const p of n.predecessors) next.get(p)!.push(n.id);
  const queue = nodes.filter((n) => n.predecessors.length === 0).map((n) => n.id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const s of next.get(id)!) {
      indegree.set(s, indegree.get(s)! - 1);
      if (indegree.get(s) === 0) queue.push(s);
    }
  }
  if (order.length < nodes.length) throw new CycleError(findCycle(nodes, new Set(order)));
  return order;
}

/** One cycle among the steps Kahn's algorithm could not order, for the error message. */
function findCycle(nodes: Node[], ordered: Set<string>): string[] {
  const preds = new Map(nodes.map((n) => [n.id, n.predecessors.filter((p) => !ordered.has(p))]));
  let at = nodes.find((n) => !ordered.has(n.id))!.id;
  const seen: string[] = [];
  while (!seen.includes(at)) {
    seen.push(at);
    at = preds.get(at)![0];
  }
  const cycle = seen.slice(seen.indexOf(at)).reverse();
  return [...cycle, cycle[0]];
}

const EPS = 1e-9;

/** Forward and backward passes (ES/EF, LS/LF, slack); unknown durations propagate downstream. */
export function schedule(nodes: Node[]): Schedule {
  const order = topologicalOrder(nodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const es = new Map<string, number | null>();
  const ef = new Map<string, number | null>();
  for (const id of order) {
    const n = byId.get(id)!;
    const prev = n.predecessors.map((p) => ef.get(p)!);
    const start = prev.some((v) => v === null) ? null : Math.max(0, ...(prev as number[]));
    es.set(id, start);
    ef.set(id, start === null || n.duration === null ? null : start + n.duration);
  }
  const unknown = nodes.filter((n) => n.duration === null).map((n) => n.id);
  const knownSum = nodes.reduce((s, n) => s + (n.duration ?? 0), 0);
  const finishes = [...ef.values()];
  const elapsed = unknown.length || finishes.some((v) => v === null) ? null : Math.max(0, ...(finishes as number[]));
  const ls = new Map<string, number | null>();
  const lf = new Map<string, number | null>();
  if (elapsed !== null) {
    const succ = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
    for (const n of nodes) for (const p of n.predecessors) succ.get(p)!.push(n.id);
    for (const id of [...order].reverse()) {
      const after = succ.get(id)!.map((s) => ls.get(s) as number);
      const finish = after.length ? Math.min(...after) : elapsed;
      lf.set(id, finish);
      ls.set(id, finish - byId.get(id)!.duration!);
    }
  }
  const steps = order.map((id) => {
    const slack = elapsed === null ? null : Math.max(0, (ls.get(id) as number) - (es.get(id) as number));
    return {
      id,
      es: es.get(id) ?? null,
      ef: ef.get(id) ?? null,
      ls: ls.get(id) ?? null,
      lf: lf.get(id) ?? null,
      slack: slack === null ? null : Math.abs(slack) < EPS ? 0 : slack,
      critical: slack === null ? null : Math.abs(slack) < EPS,
    };
  });
  return {
    steps,
    elapsed,
    sum: unknown.length ? null : knownSum,
    knownSum,
    criticalPath: elapsed === null ? [] : steps.filter((s) => s.critical).map((s) => s.id),
    unknown,
  };
}

// ---------------------------------------------------------------- the case

export interface FlatStep {
  step: Step;
  seq: number;
  procedureId: string;
  procedureName: string;
  area: Area | null;
}

/** Every step in order (procedures in order, steps in order), numbered from 1. */
export function flatSteps(c: BpaCase): FlatStep[] {
  const out: FlatStep[] = [];
  for (const p of c.procedures) for (const s of p.steps) out.push({ step: s, seq: out.length + 1, procedureId: p.id, procedureName: p.name, area: p.area });
  return out;
}

/** Predecessors as the graph uses them: unstated = the previous step in order (bpa.md §5.2). */
export function effectivePredecessors(steps: FlatStep[]): Map<string, string[]> {
  return new Map(steps.map((f, i) => [f.step.id, f.step.predecessors ?? (i === 0 ? [] : [steps[i - 1].step.id])]));
}

/** A time in days (hours over the case's hours per day). */
export function toDays(value: number | null, unit: 'HOUR' | 'DAY', hoursPerDay: number): number | null {
  if (value === null) return null;
  return unit === 'HOUR' ? value / hoursPerDay : value;
}

export interface Rate {
  currency: string;
  lcuPerUsd: number | null;
  rateYear: number | null;
  missing: string | null;
}

export interface StepAnalysis extends Scheduled {
  seq: number;
  days: number | null;
  minDays: number | null;
  maxDays: number | null;
  /** Cost in US$; null when unknown or without a rate. */
  usd: number | null;
  costProblem: string | null;
}

export interface Breakdown {
  key: string | null;
  steps: number;
  sumDays: number | null;
  costUsd: number | null;
  /** Share of the plain sum of time (null when either is unknown). */
  timeShare: number | null;
  costShare: number | null;
  /** Days on the critical path, and their share of the elapsed time. */
  criticalDays: number | null;
  elapsedShare: number | null;
}

export interface Bottleneck {
  rank: number;
  kind: BottleneckKind;
  stepIds: string[];
  reason: string;
  days: number | null;
  tfMeasures: string[];
}

export type BottleneckKind = keyof typeof tfLinks.links;

export interface Incomplete {
  total: 'elapsed' | 'sum' | 'cost' | 'one_time_cost' | 'range' | 'shares';
  reason: string;
}

export interface Analysis {
  counts: { procedures: number; steps: number; actors: number; documents: number; physicalVisits: number };
  elapsedDays: number | null;
  sumDays: number | null;
  knownSumDays: number;
  bestElapsedDays: number | null;
  worstElapsedDays: number | null;
  criticalPath: string[];
  costUsd: number | null;
  oneTimeCostUsd: number | null;
  costShareOfValue: number | null;
  steps: Map<string, StepAnalysis>;
  byArea: Breakdown[];
  byActor: Breakdown[];
  bottlenecks: Bottleneck[];
  incomplete: Incomplete[];
  rates: Rate[];
}

export interface AnalysisOptions {
  /** Rates by currency (at the case's date). */
  rates: Map<string, Rate>;
  /** (max − min) / avg at or above this flags an unpredictable step. */
  variabilityThreshold?: number;
  /** A step with at least this many actors is flagged (many agencies touching one shipment). */
  manyActors?: number;
}

function stepUsd(s: Step, rates: Map<string, Rate>): { usd: number | null; problem: string | null } {
  const c = s.cost;
  if (!c) return { usd: null, problem: 'cost not stated' };
  if (c.amount === null) return { usd: null, problem: c.text ? `cost stated only as "${c.text}"` : 'cost not stated' };
  if (c.amount === 0) return { usd: 0, problem: null };
  if (!c.currency) return { usd: null, problem: `cost ${c.amount} has no currency` };
  const r = rates.get(c.currency);
  if (!r || r.lcuPerUsd === null) return { usd: null, problem: r?.missing ?? `no rate for ${c.currency}` };
  return { usd: c.amount / r.lcuPerUsd, problem: null };
}

const sumOrNull = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : (xs as number[]).reduce((a, b) => a + b, 0));
const share = (part: number | null, whole: number | null) => (part === null || whole === null || whole === 0 ? null : part / whole);

export function analyseCase(c: BpaCase, opts: AnalysisOptions): Analysis {
  const flat = flatSteps(c);
  const preds = effectivePredecessors(flat);
  const days = (f: FlatStep, k: 'min' | 'avg' | 'max') => toDays(f.step.time[k], f.step.time.unit, c.hoursPerDay);
  const main = schedule(flat.map((f) => ({ id: f.step.id, duration: days(f, 'avg'), predecessors: preds.get(f.step.id)! })));
  const best = schedule(flat.map((f) => ({ id: f.step.id, duration: days(f, 'min'), predecessors: preds.get(f.step.id)! })));
  const worst = schedule(flat.map((f) => ({ id: f.step.id, duration: days(f, 'max'), predecessors: preds.get(f.step.id)! })));
  const scheduled = new Map(main.steps.map((s) => [s.id, s]));

  const steps = new Map<string, StepAnalysis>();
  for (const f of flat) {
    const cost = stepUsd(f.step, opts.rates);
    steps.set(f.step.id, { ...scheduled.get(f.step.id)!, seq: f.seq, days: days(f, 'avg'), minDays: days(f, 'min'), maxDays: days(f, 'max'), usd: cost.usd, costProblem: cost.problem });
  }

  const perShipment = flat.filter((f) => f.step.oneTime !== true);
  const oneTime = flat.filter((f) => f.step.oneTime === true);
  const costUsd = sumOrNull(perShipment.map((f) => steps.get(f.step.id)!.usd));
  const oneTimeCostUsd = oneTime.length ? sumOrNull(oneTime.map((f) => steps.get(f.step.id)!.usd)) : 0;

  const actors = new Set(flat.flatMap((f) => f.step.actors));
  const documents = new Set(flat.flatMap((f) => f.step.documents.map((d) => d.name)));

  const incomplete: Incomplete[] = [];
  const list = (ids: string[]) => (ids.length > 6 ? `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more` : ids.join(', '));
  if (main.unknown.length) {
    incomplete.push({ total: 'elapsed', reason: `time unknown for ${main.unknown.length} of ${flat.length} steps (${list(main.unknown)})` });
    const known = flat.length - main.unknown.length;
    incomplete.push({ total: 'sum', reason: `time unknown for ${main.unknown.length} of ${flat.length} steps${known ? `; the ${known} known times add up to ${round(main.knownSum)} days` : ''}` });
  }
  if (!flat.length) incomplete.push({ total: 'elapsed', reason: 'the case has no steps' });
  const costGaps = perShipment.filter((f) => steps.get(f.step.id)!.usd === null);
  if (costGaps.length) {
    const why = [...new Set(costGaps.map((f) => steps.get(f.step.id)!.costProblem))].slice(0, 3).join('; ');
    incomplete.push({ total: 'cost', reason: `cost unknown for ${costGaps.length} of ${perShipment.length} per-shipment steps (${list(costGaps.map((f) => f.step.id))}): ${why}` });
  }
  const oneGaps = oneTime.filter((f) => steps.get(f.step.id)!.usd === null);
  if (oneGaps.length) incomplete.push({ total: 'one_time_cost', reason: `cost unknown for ${oneGaps.length} one-time steps (${list(oneGaps.map((f) => f.step.id))})` });
  if (flat.length && (best.elapsed === null || worst.elapsed === null)) incomplete.push({ total: 'range', reason: 'minimum or maximum time not stated for every step: no best or worst case' });

  const breakdown = (keyOf: (f: FlatStep) => string | null): Breakdown[] => {
    const groups = new Map<string | null, FlatStep[]>();
    for (const f of flat) groups.set(keyOf(f), [...(groups.get(keyOf(f)) ?? []), f]);
    return [...groups].map(([key, fs]) => {
      const sumDays = sumOrNull(fs.map((f) => steps.get(f.step.id)!.days));
      const cost = sumOrNull(fs.filter((f) => f.step.oneTime !== true).map((f) => steps.get(f.step.id)!.usd));
      const criticalDays = main.elapsed === null ? null : fs.filter((f) => steps.get(f.step.id)!.critical).reduce((s, f) => s + steps.get(f.step.id)!.days!, 0);
      return { key, steps: fs.length, sumDays, costUsd: cost, timeShare: share(sumDays, main.sum), costShare: share(cost, costUsd), criticalDays, elapsedShare: share(criticalDays, main.elapsed) };
    });
  };

  return {
    counts: { procedures: c.procedures.length, steps: flat.length, actors: actors.size, documents: documents.size, physicalVisits: flat.filter((f) => f.step.physicalVisit === true).length },
    elapsedDays: flat.length ? main.elapsed : null,
    sumDays: flat.length ? main.sum : null,
    knownSumDays: main.knownSum,
    bestElapsedDays: flat.length ? best.elapsed : null,
    worstElapsedDays: flat.length ? worst.elapsed : null,
    criticalPath: main.criticalPath,
    costUsd: flat.length ? costUsd : null,
    oneTimeCostUsd,
    costShareOfValue: share(costUsd, c.shipmentValueUsd),
    steps,
    byArea: breakdown((f) => f.area),
    byActor: breakdown((f) => f.step.actors[0] ?? null),
    bottlenecks: findBottlenecks(flat, steps, main, opts),
    incomplete,
    rates: [...opts.rates.values()],
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Candidates the analyst confirms (bpa.md §1.8, §5.5), ranked: longest first, then by kind. */
export function findBottlenecks(flat: FlatStep[], steps: Map<string, StepAnalysis>, main: Schedule, opts: AnalysisOptions): Bottleneck[] {
  const threshold = opts.variabilityThreshold ?? 1;
  const manyActors = opts.manyActors ?? 3;
  const found: Omit<Bottleneck, 'rank' | 'tfMeasures'>[] = [];
  // The longest steps on the critical path: shortening them shortens the whole export.
  const critical = main.criticalPath.map((id) => steps.get(id)!).filter((s) => (s.days ?? 0) > 0);
  const longest = [...critical].sort((a, b) => b.days! - a.days!).slice(0, 3);
  for (const s of longest) found.push({ kind: 'LONG_CRITICAL', stepIds: [s.id], days: s.days, reason: `${round(s.days!)} days on the critical path (${round((100 * s.days!) / main.elapsed!)} % of the elapsed time)` });
  for (const f of flat) {
    const s = steps.get(f.step.id)!;
    if (s.days && s.minDays !== null && s.maxDays !== null && (s.maxDays - s.minDays) / s.days >= threshold)
      found.push({ kind: 'UNPREDICTABLE', stepIds: [f.step.id], days: s.days, reason: `takes ${round(s.minDays)} to ${round(s.maxDays)} days (variability ${round((s.maxDays - s.minDays) / s.days)})` });
    const paper = f.step.documents.filter((d) => d.paper === true).map((d) => d.name);
    if (f.step.physicalVisit === true || paper.length)
      found.push({ kind: 'PAPER_OR_VISIT', stepIds: [f.step.id], days: s.days, reason: [f.step.physicalVisit ? 'a physical visit' : null, paper.length ? `paper documents: ${paper.join(', ')}` : null].filter(Boolean).join('; ') });
    if (f.step.actors.length >= manyActors) found.push({ kind: 'MANY_ACTORS', stepIds: [f.step.id], days: s.days, reason: `${f.step.actors.length} parties touch this step: ${f.step.actors.join(', ')}` });
  }
  // The same document submitted in several steps (not produced then used once).
  const submitted = new Map<string, string[]>();
  for (const f of flat) for (const d of f.step.documents) if (d.direction !== 'OUT') submitted.set(d.name, [...(submitted.get(d.name) ?? []), f.step.id]);
  for (const [doc, ids] of submitted) if (new Set(ids).size >= 2) found.push({ kind: 'REPEATED_DOCUMENT', stepIds: [...new Set(ids)], days: null, reason: `"${doc}" is submitted in ${new Set(ids).size} steps` });
  const missing = flat.filter((f) => steps.get(f.step.id)!.days === null).map((f) => f.step.id);
  if (missing.length) found.push({ kind: 'MISSING_INFORMATION', stepIds: missing, days: null, reason: `no time published for ${missing.length} of ${flat.length} steps: traders cannot plan what is not published` });
  const order = Object.keys(tfLinks.links);
  found.sort((a, b) => (b.days ?? -1) - (a.days ?? -1) || order.indexOf(a.kind) - order.indexOf(b.kind));
  return found.map((b, i) => ({ ...b, rank: i + 1, tfMeasures: tfLinks.links[b.kind as BottleneckKind] }));
}

// ---------------------------------------------------------------- to-be vs as-is

export interface Delta {
  metric: string;
  asIs: number | null;
  toBe: number | null;
  /** toBe − asIs; null when either is unknown. */
  delta: number | null;
}

export function compareCases(asIs: Analysis, toBe: Analysis): Delta[] {
  const d = (metric: string, a: number | null, b: number | null): Delta => ({ metric, asIs: a, toBe: b, delta: a === null || b === null ? null : b - a });
  return [
    d('procedures', asIs.counts.procedures, toBe.counts.procedures),
    d('steps', asIs.counts.steps, toBe.counts.steps),
    d('actors', asIs.counts.actors, toBe.counts.actors),
    d('documents', asIs.counts.documents, toBe.counts.documents),
    d('physical_visits', asIs.counts.physicalVisits, toBe.counts.physicalVisits),
    d('elapsed_days', asIs.elapsedDays, toBe.elapsedDays),
    d('sum_days', asIs.sumDays, toBe.sumDays),
    d('cost_usd', asIs.costUsd, toBe.costUsd),
  ];
}

/** Steps of the as-is case the to-be case no longer has, and new ones (by id). */
export function stepChanges(asIs: BpaCase, toBe: BpaCase): { removed: string[]; added: string[] } {
  const a = new Set(flatSteps(asIs).map((f) => f.step.id));
  const b = new Set(flatSteps(toBe).map((f) => f.step.id));
  return { removed: [...a].filter((x) => !b.has(x)), added: [...b].filter((x) => !a.has(x)) };
}

/** A to-be case starts as a copy of its as-is case. */
export function copyToBe(asIs: BpaCase, id: string, title?: string): BpaCase {
  return { ...structuredClone(asIs), id, title: title ?? `${asIs.title} (to-be)`, status: 'TO_BE', baselineCaseId: asIs.id };
}

/** Removing a step keeps the graph whole: whoever waited for it now waits for what it waited for. */
export function removeStep(c: BpaCase, stepId: string): BpaCase {
  const flat = flatSteps(c);
  const preds = effectivePredecessors(flat);
  const gone = preds.get(stepId);
  if (!gone) throw new GraphError(`no step "${stepId}" in case "${c.id}"`);
  const out = structuredClone(c);
  for (const p of out.procedures) {
    p.steps = p.steps.filter((s) => s.id !== stepId);
    for (const s of p.steps) {
      const mine = preds.get(s.id)!;
      if (mine.includes(stepId)) s.predecessors = [...new Set([...mine.filter((x) => x !== stepId), ...gone])];
      else if (s.predecessors === null) s.predecessors = mine;
    }
  }
  return out;
}

/** Every step graph problem of a case (a cycle, an unknown predecessor, a repeated id), or null. */
export function graphProblem(c: BpaCase): string | null {
  const flat = flatSteps(c);
  const preds = effectivePredecessors(flat);
  try {
    topologicalOrder(flat.map((f) => ({ id: f.step.id, duration: null, predecessors: preds.get(f.step.id)! })));
    return null;
  } catch (err) {
    if (err instanceof CycleError || err instanceof GraphError) return err.message;
    throw err;
  }
}
