import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/principal.js';
import type { Api, Env } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown } from '../../platform/http/grammar.js';
import { iso3Param, listCountries } from '../countries/index.js';
import {
  distanceMatrix,
  meetsCoverage,
  pillarDispersion,
  planReforms,
  scoreEconomy,
  simulate,
  treatyAlignment,
  type AnswerEdit,
  type Answers,
  type EconomyScore,
  type PlannedReform,
} from './compute.js';
import { JACCARD_INSTRUMENTS, loadAnswers } from './answers.js';
import { compareFields, economyFields, pairFields, simulateFields } from './fields.js';
import { cyberlawScore } from './derive.js';
import { findFramework, frameworkKey, indicatorsOf, loadFramework, type Framework } from './framework.js';
import { frameworkProblem } from './ingest.js';
import {
  answerRow,
  auditQuery,
  auditRow,
  compareQuery,
  cyberlawQuery,
  cyberlawRow,
  DEFAULT_FRAMEWORK,
  deMinimisQuery,
  deMinimisRow,
  DEFAULT_SCORE_MODE,
  ESCAP_ATTRIBUTION,
  escapMeasureRow,
  escapMeasuresQuery,
  frameworkRow,
  legalInventoryQuery,
  legalInventoryRow,
  scoresParam,
  measureCreateBody,
  measureInput,
  measurePatch,
  measureRow,
  measuresQuery,
  pairQuery,
  simulateQuery,
  treatyQuery,
  treatyRow,
  type Measure,
  type MeasureInput,
} from './schema.js';
import {
  createMeasure,
  deleteMeasure,
  getMeasure,
  importMeasures,
  listAudit,
  listCyberlaw,
  listDeMinimis,
  listEscapMeasures,
  listFrameworks,
  listLegalInventory,
  listMeasures,
  listTreaties,
  MeasureConflict,
  sourcesOf,
  updateMeasure,
} from './store.js';

// ---------------------------------------------------------------- answers of economies

async function frameworks(db: Kysely<any>): Promise<Framework[]> {
  return (await listFrameworks(db)).map((f) => loadFramework(f.json, `${f.id}-${f.version}`));
}

async function frameworkFor(db: Kysely<any>, key: string | undefined): Promise<Framework> {
  const all = await frameworks(db);
  const fw = findFramework(all, key ?? DEFAULT_FRAMEWORK);
  if (!fw) throw new ApiError(404, `No framework "${key ?? DEFAULT_FRAMEWORK}"; GET /api/regulation/frameworks lists them`);
  return fw;
}

/** A path's economy that is no member is a 404; a query parameter's (`param`) is a 400 naming it. */
async function checkMembers(db: Kysely<any>, codes: string[], param?: string): Promise<void> {
  if (param) return checkKnown(param, codes, (await listCountries(db)).map((c) => c.iso3), { what: 'FEALAC economy' });
  const members = new Set((await listCountries(db)).map((c) => c.iso3));
  const outside = codes.filter((c) => !members.has(c));
  if (outside.length) throw new ApiError(404, `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not one of the 36 FEALAC economies`);
}

function today(ctx: { clock: () => Date }): string {
  return ctx.clock().toISOString().slice(0, 10);
}

function pillarRows(s: EconomyScore) {
  return Object.values(s.pillars).map((p) => ({ pillar: p.pillar, id: p.pillarId, name: p.name, score: p.score, coverage: p.coverage, known: p.known, total: p.total, weight: p.weight }));
}

/** ESCAP's attribution leads the source line wherever its measures are among the values shown. */
function escapFirst<T extends { title: string | null }>(sources: T[]): T[] {
  const escap = (x: T) => (x.title ?? '').startsWith(ESCAP_ATTRIBUTION);
  return [...sources.filter(escap), ...sources.filter((x) => !escap(x))];
}

function reformOut(r: PlannedReform) {
  return {
    indicator_id: r.indicatorId,
    pillar: Number(r.pillarId),
    from: r.fromCategoryId,
    to: r.toCategoryId,
    from_score: r.fromScore,
    to_score: r.toScore,
    from_unknown: r.fromUnknown,
    direction: r.direction,
    raises_restrictiveness: r.direction === 'restricting',
    gain: r.gain,
    mean_distance_before: r.meanDistanceBefore,
    mean_distance_after: r.meanDistanceAfter,
    overall_before: r.overallBefore,
    overall_after: r.overallAfter,
    target: r.target,
    partners: r.partners.map((p) => ({ economy: p.economy, category_id: p.categoryId, score: p.score })),
  };
}

function badInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError) throw new ApiError(400, err.message);
    throw err;
  }
}

// ---------------------------------------------------------------- writes

function parseOrThrow<S extends z.ZodTypeAny>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new ApiError(400, `Bad ${where}: ${errors.join('; ')}`, errors);
}

const measureId = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'is not a measure id');

// ---------------------------------------------------------------- routes

export function regulationRoutes(api: Api): void {
  api.data({
    path: '/api/regulation/frameworks',
    tag: 'regulation',
    summary: 'Regulatory frameworks (RDTII 2.1 and later versions) held as data',
    description: 'One row per framework version; the named field `frameworks` carries each one whole (pillars, indicators, categories with scores, weights and their provenance, rules).',
    row: frameworkRow,
    fields: { frameworks: z.array(z.any()).describe('Each framework whole, as its file gives it') },
    async handler({ ctx }) {
      const all = await frameworks(ctx.db.kysely);
      const stored = await listFrameworks(ctx.db.kysely);
      const rows = all.map((f) => ({
        id: f.id,
        version: f.version,
        loaded_at: stored.find((s) => s.id === f.id && s.version === f.version)!.loaded_at,
        name: f.title,
        pillars: f.pillars.length,
        indicators: indicatorsOf(f).length,
      }));
      return { rows, fields: { frameworks: all }, title: 'Regulatory frameworks' };
    },
  });

  api.data({
    path: '/api/regulation/measures',
    tag: 'regulation',
    summary: 'Measure records (after DTRA): economy, indicator, category, law, coverage, status, verification',
    description:
      'Filters `economy=PER~CHL`, `indicator=12.5~6.1`, `status=in_force|pending`. The JSON rows are the JSON export (POST them back as `{"measures": [...]}`); the .csv twin is the CSV export, which `puente import` reads back.',
    query: measuresQuery,
    row: measureRow,
    async handler({ query, ctx }) {
      await checkMembers(ctx.db.kysely, query.economy ?? [], 'economy');
      checkKnown('indicator', query.indicator, (await frameworks(ctx.db.kysely)).flatMap((f) => indicatorsOf(f).map((i) => i.indicator.id)), { what: 'framework indicator' });
      const rows = await listMeasures(ctx.db.kysely, { economies: query.economy, indicators: query.indicator, status: query.status });
      return { rows, sources: await sourcesOf(ctx.db.kysely, rows.map((r) => r.source_id)), title: 'Regulatory measures' };
    },
  });

  api.data({
    path: '/api/regulation/escap-measures',
    tag: 'regulation',
    summary: 'ESCAP RDTII 2.1 measure records: law, coverage, impact, timeframe, references, ESCAP\'s per-measure score, government verification, origin in ESCAP\'s workbook',
    description:
      'Source: ESCAP RDTII 2.1 Regulatory Database (ESCAP; terms not stated; attribution). `raw_score` is the measure\'s score, not the indicator\'s; `category_id` is the category it identifies. ' +
      '`correction`: what the government verification settled for a measure marked "Not correct" (kept, changed, or set_aside while the dispute is open), with `corrected_score`. Filters `economy=THA~LAO`, `indicator=12.8`, `feedback=Not correct`.',
    query: escapMeasuresQuery,
    row: escapMeasureRow,
    async handler({ query, ctx }) {
      if (query.economy?.length) await checkMembers(ctx.db.kysely, query.economy, 'economy');
      const rows = await listEscapMeasures(ctx.db.kysely, { economies: query.economy, indicators: query.indicator, feedback: query.feedback });
      return { rows, sources: await sourcesOf(ctx.db.kysely, rows.map((r) => r.source_id)), title: 'ESCAP RDTII 2.1 measures' };
    },
  });

  api.data({
    path: '/api/regulation/legal-inventory',
    tag: 'regulation',
    summary: 'ESCAP\'s legal inventory: laws mapped to RDTII indicators (Australia, Malaysia, Singapore), candidate sources for measure records',
    description: 'Source: ESCAP RDTII 2.1 Regulatory Database, legal inventory (ESCAP; terms not stated; attribution). No scores. Filters `economy=`, `indicator=`.',
    query: legalInventoryQuery,
    row: legalInventoryRow,
    async handler({ query, ctx }) {
      if (query.economy?.length) await checkMembers(ctx.db.kysely, query.economy, 'economy');
      const rows = await listLegalInventory(ctx.db.kysely, { economies: query.economy, indicators: query.indicator });
      return { rows, sources: await sourcesOf(ctx.db.kysely, rows.map((r) => r.source_id)), title: 'ESCAP RDTII 2.1 legal inventory' };
    },
  });

  api.data({
    path: '/api/regulation/economies/{iso3}',
    tag: 'regulation',
    summary: 'An economy\'s answers, indicator/pillar/overall scores with coverage, legal baseline and de minimis',
    description:
      'One row per framework indicator: from in-force measure records, else from ESCAP RDTII 2.1 measures (`scores=recorded` as ESCAP recorded them, the default, or `scores=corrected` with the government verification\'s corrections), else derived, else unknown. ' +
      'Named fields: `scores` (overall with coverage, pillars), `enough_coverage` against `min_coverage` (PUENTE_REG_MIN_COVERAGE), `known` and `unknown` (indicator ids), `escap_measures` (ESCAP\'s measure records with verification), `legal_inventory` (ESCAP\'s laws per indicator, candidate sources), `cyberlaw` (tracker statuses with the observatory score: 1 = a law exists, the opposite polarity of RDTII), `de_minimis`, `treaties`.',
    params: iso3Param,
    query: z.object({ framework: z.string().optional().describe('Framework id-version (default rdtii-2.1)'), scores: scoresParam }),
    row: answerRow,
    fields: economyFields,
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      await checkMembers(db, [params.iso3]);
      const fw = await frameworkFor(db, query.framework);
      const mode = query.scores ?? DEFAULT_SCORE_MODE;
      const loaded = await loadAnswers(db, fw, [params.iso3], today(ctx), mode);
      const rows = loaded.details[params.iso3];
      const inventory = await listLegalInventory(db, { economies: [params.iso3] });
      const minCoverage = ctx.config.PUENTE_REG_MIN_COVERAGE;
      const score = scoreEconomy(fw, loaded.answers[params.iso3]);
      const cyber = await listCyberlaw(db, { economies: [params.iso3] });
      const areaScores = cyber.statuses.map((s) => cyberlawScore(s.status));
      const knownAreas = areaScores.filter((s): s is number => s !== null);
      const deMinimis = await listDeMinimis(db, { economies: [params.iso3] });
      const treaties = await listTreaties(db, { economies: [params.iso3] });
      const sources = escapFirst(await sourcesOf(db, [
        ...loaded.sourceIds,
        ...loaded.escap[params.iso3].map((m) => m.source_id),
        ...inventory.map((l) => l.source_id),
        ...cyber.statuses.map((s) => s.source_id),
        ...deMinimis.map((d) => d.source_id),
      ]));
      return {
        rows,
        fields: {
          framework: frameworkKey(fw),
          scores_mode: mode,
          min_coverage: minCoverage,
          enough_coverage: meetsCoverage(score.overall.coverage, minCoverage),
          scores: { overall: score.overall, pillars: pillarRows(score) },
          escap_measures: loaded.escap[params.iso3],
          legal_inventory: inventory,
          known: rows.filter((r) => r.score !== null).map((r) => r.indicator_id),
          unknown: rows.filter((r) => r.score === null).map((r) => r.indicator_id),
          cyberlaw: {
            score: knownAreas.length ? knownAreas.reduce((a, b) => a + b, 0) / knownAreas.length : null,
            known: knownAreas.length,
            areas: cyber.statuses.length,
            statuses: cyber.statuses.map((s) => ({ ...s, score: cyberlawScore(s.status), laws: cyber.laws.filter((l) => l.area === s.area).map(({ url, title }) => ({ url, title })) })),
          },
          de_minimis: deMinimis,
          treaties,
        },
        sources,
        title: `Regulation: ${params.iso3} (${frameworkKey(fw)})`,
      };
    },
  });

  api.data({
    path: '/api/regulation/compare',
    tag: 'regulation',
    summary: 'Heterogeneity (H) and level gap (D) between economies, per-pillar dispersion, treaty alignment',
    description:
      '`economies=PER~CHL~MEX`. One row per pair: `h` (share of differing answers over items answered by both, OECD/Nordås), `d` (pillar score gap), treaty Jaccard, each with its coverage. ' +
      'Named fields: `h` and `d` matrices (value and coverage), `dispersion` (mean pairwise H per pillar with coverage and mean score), `scores` (overall with coverage per economy).',
    query: compareQuery,
    row: z.object({
      a: z.string(),
      b: z.string(),
      h: z.number().nullable().describe('Heterogeneity 0..1; empty when no item is answered by both'),
      h_coverage: z.number(),
      d: z.number().nullable().describe('Level gap 0..1'),
      d_coverage: z.number(),
      treaty_jaccard: z.number().nullable().describe('Jaccard of adopted instruments over those known for both'),
      treaty_coverage: z.number(),
      treaty_shared: z.array(z.string()),
      enough_coverage: z.boolean().describe('Both H and D rest on at least PUENTE_REG_MIN_COVERAGE of the weights; otherwise "not enough data"'),
    }),
    fields: compareFields,
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      await checkMembers(db, query.economies, 'economies');
      const fw = await frameworkFor(db, query.framework);
      const mode = query.scores ?? DEFAULT_SCORE_MODE;
      const minCoverage = ctx.config.PUENTE_REG_MIN_COVERAGE;
      const loaded = await loadAnswers(db, fw, query.economies, today(ctx), mode);
      const H = badInput(() => distanceMatrix(fw, loaded.answers, 'H'));
      const D = badInput(() => distanceMatrix(fw, loaded.answers, 'D'));
      const rows = H.pairs.map((p, i) => {
        const t = treatyAlignment(loaded.treaties[p.a], loaded.treaties[p.b]);
        return {
          a: p.a,
          b: p.b,
          h: p.value,
          h_coverage: p.coverage,
          d: D.pairs[i].value,
          d_coverage: D.pairs[i].coverage,
          treaty_jaccard: t.value,
          treaty_coverage: t.coverage,
          treaty_shared: t.shared,
          enough_coverage: meetsCoverage(p.coverage, minCoverage) && meetsCoverage(D.pairs[i].coverage, minCoverage),
        };
      });
      const scores = query.economies.map((e) => {
        const s = scoreEconomy(fw, loaded.answers[e]);
        return {
          iso3: e,
          overall: s.overall.score,
          coverage: s.overall.coverage,
          enough_coverage: meetsCoverage(s.overall.coverage, minCoverage),
          pillars: pillarRows(s).map((p) => ({ ...p, enough_coverage: meetsCoverage(p.coverage, minCoverage) })),
        };
      });
      return {
        rows,
        fields: {
          framework: frameworkKey(fw),
          scores_mode: mode,
          min_coverage: minCoverage,
          economies: query.economies,
          h: { value: H.value, coverage: H.coverage },
          d: { value: D.value, coverage: D.coverage },
          dispersion: pillarDispersion(fw, loaded.answers),
          scores,
        },
        sources: escapFirst(await sourcesOf(db, loaded.sourceIds)),
        title: `Regulatory distance: ${query.economies.join(', ')}`,
      };
    },
  });

  api.data({
    path: '/api/regulation/pair',
    tag: 'regulation',
    summary: 'Two economies\' answers side by side',
    description: '`a=PER&b=CHL`: one row per indicator with both answers and whether they differ (empty when either is unknown). Named fields `h`, `d`, `treaties` (alignment).',
    query: pairQuery,
    row: z.object({
      pillar: z.number().int(),
      indicator_id: z.string(),
      indicator: z.string(),
      a_category_id: z.string().nullable(),
      a_score: z.number().nullable(),
      a_basis: z.string(),
      b_category_id: z.string().nullable(),
      b_score: z.number().nullable(),
      b_basis: z.string(),
      differ: z.boolean().nullable().describe('Answers differ; empty when either is unknown'),
    }),
    fields: pairFields,
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      await checkMembers(db, [query.a], 'a');
      await checkMembers(db, [query.b], 'b');
      const fw = await frameworkFor(db, query.framework);
      const mode = query.scores ?? DEFAULT_SCORE_MODE;
      const minCoverage = ctx.config.PUENTE_REG_MIN_COVERAGE;
      const loaded = await loadAnswers(db, fw, [...new Set([query.a, query.b])], today(ctx), mode);
      const A = loaded.details[query.a];
      const B = loaded.details[query.b];
      const rows = A.map((x, i) => {
        const y = B[i];
        const differ = x.score === null || y.score === null ? null : x.category_id && y.category_id ? x.category_id !== y.category_id : Math.abs(x.score - y.score) > 1e-9;
        return {
          pillar: x.pillar,
          indicator_id: x.indicator_id,
          indicator: x.indicator,
          a_category_id: x.category_id,
          a_score: x.score,
          a_basis: x.basis,
          b_category_id: y.category_id,
          b_score: y.score,
          b_basis: y.basis,
          differ,
        };
      });
      const H = distanceMatrix(fw, { [query.a]: loaded.answers[query.a], [query.b]: loaded.answers[query.b] }, 'H');
      const D = distanceMatrix(fw, { [query.a]: loaded.answers[query.a], [query.b]: loaded.answers[query.b] }, 'D');
      const h = H.pairs[0] ?? { value: 0, coverage: 1 };
      const d = D.pairs[0] ?? { value: 0, coverage: 1 };
      return {
        rows,
        fields: {
          framework: frameworkKey(fw),
          scores_mode: mode,
          min_coverage: minCoverage,
          a: query.a,
          b: query.b,
          h: { value: h.value, coverage: h.coverage, enough_coverage: meetsCoverage(h.coverage, minCoverage) },
          d: { value: d.value, coverage: d.coverage, enough_coverage: meetsCoverage(d.coverage, minCoverage) },
          treaties: treatyAlignment(loaded.treaties[query.a], loaded.treaties[query.b]),
        },
        sources: escapFirst(await sourcesOf(db, loaded.sourceIds)),
        title: `Regulation: ${query.a} and ${query.b} side by side`,
      };
    },
  });

  api.data({
    path: '/api/regulation/simulate',
    tag: 'regulation',
    summary: 'Convergence simulator: edit an economy\'s answers, see scores, contributions and distances before and after, and ranked reforms',
    description:
      '`economy=PER&partners=CHL~MEX~COL&edit=12.5:12.5.c~6.1:6.1.c` (a category may also be given by its last part, `12.5:c`). One row per indicator with the answer, score and contribution (W_p·w_k·s_k) before and after. ' +
      'Named fields: `overall` and `pillars` before/after, `partners` (H and D to each before/after), `mean_distance`, `changes` (flagging edits that raise restrictiveness), `reforms` (single-answer reforms of the answers after the edits, ranked by how much they cut the mean H from there; `from_unknown` marks a hypothesis for an answer unknown today (`from` null), whose `raises_restrictiveness` compares it with the partners\' mean score on the item; otherwise it flags a stricter category than the current one).',
    query: simulateQuery,
    row: z.object({
      pillar: z.number().int(),
      indicator_id: z.string(),
      indicator: z.string(),
      edited: z.boolean(),
      category_before: z.string().nullable(),
      score_before: z.number().nullable(),
      contribution_before: z.number().nullable(),
      category_after: z.string().nullable(),
      score_after: z.number().nullable(),
      contribution_after: z.number().nullable(),
    }),
    fields: simulateFields,
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      const partners = query.partners.filter((p) => p !== query.economy);
      if (!partners.length) throw new ApiError(400, 'partners: give at least one economy other than the one simulated');
      await checkMembers(db, [query.economy], 'economy');
      await checkMembers(db, partners, 'partners');
      const fw = await frameworkFor(db, query.framework);
      const mode = query.scores ?? DEFAULT_SCORE_MODE;
      const minCoverage = ctx.config.PUENTE_REG_MIN_COVERAGE;
      const goal = query.goal ?? 'partners';
      const order = query.order ?? 'liberalising_first';
      const loaded = await loadAnswers(db, fw, [query.economy, ...partners], today(ctx), mode);
      // The regional average is taken over every member whose score rests on enough of the framework.
      let region: Record<string, Answers> | undefined;
      if (goal === 'average') {
        const members = (await listCountries(db)).map((c) => c.iso3);
        const all = await loadAnswers(db, fw, members, today(ctx), mode);
        region = Object.fromEntries(members.filter((m) => meetsCoverage(scoreEconomy(fw, all.answers[m]).overall.coverage, minCoverage)).map((m) => [m, all.answers[m]]));
      }
      const edits: Record<string, AnswerEdit> = {};
      for (const e of query.edit ?? []) {
        const category = e.category_id.startsWith(`${e.indicator_id}.`) ? e.category_id : `${e.indicator_id}.${e.category_id}`;
        edits[e.indicator_id] = { categoryId: category };
      }
      const others = Object.fromEntries(partners.map((p) => [p, loaded.answers[p]]));
      const sim = badInput(() => simulate(fw, loaded.answers[query.economy], edits, others));
      // Reforms are ranked from the scenario (the answers after the edits): an applied reform is
      // the current answer, so it is no longer offered, and the next one shows.
      const plan = badInput(() => planReforms(fw, sim.answers, others, { goal, region, liberalisingFirst: order === 'liberalising_first' }));
      const names = new Map(indicatorsOf(fw).map(({ pillar, indicator }) => [indicator.id, { pillar: pillar.pillar, name: indicator.name }]));
      const rows = Object.values(sim.before.indicators).map((b) => {
        const a = sim.after.indicators[b.indicatorId];
        return {
          pillar: names.get(b.indicatorId)!.pillar,
          indicator_id: b.indicatorId,
          indicator: names.get(b.indicatorId)!.name,
          edited: b.indicatorId in edits,
          category_before: b.categoryId,
          score_before: b.score,
          contribution_before: b.contribution,
          category_after: a.categoryId,
          score_after: a.score,
          contribution_after: a.contribution,
        };
      });
      return {
        rows,
        fields: {
          framework: frameworkKey(fw),
          scores_mode: mode,
          min_coverage: minCoverage,
          goal,
          order,
          economy: query.economy,
          overall: { before: sim.before.overall, after: sim.after.overall },
          pillars: pillarRows(sim.before).map((p) => ({ ...p, score_after: sim.after.pillars[p.id].score, coverage_after: sim.after.pillars[p.id].coverage })),
          partners: sim.partners.map((p) => ({
            economy: p.economy,
            h_before: p.before.value,
            h_after: p.after.value,
            h_coverage_before: p.before.coverage,
            h_coverage_after: p.after.coverage,
            h_change: p.change,
            d_before: p.levelGapBefore.value,
            d_after: p.levelGapAfter.value,
            enough_coverage: meetsCoverage(p.before.coverage, minCoverage),
          })),
          mean_distance: sim.meanDistance,
          changes: sim.changes.map((c) => ({ indicator_id: c.indicatorId, from: c.from, to: c.to, raises_restrictiveness: c.raisesRestrictiveness })),
          reforms: plan.reforms.slice(0, 40).map(reformOut),
          hypotheses: plan.hypotheses.slice(0, 40).map(reformOut),
        },
        sources: escapFirst(await sourcesOf(db, loaded.sourceIds)),
        title: `Convergence simulator: ${query.economy} against ${partners.join(', ')}`,
      };
    },
  });

  api.data({
    path: '/api/regulation/cyberlaw',
    tag: 'regulation',
    summary: 'Legal baseline: UNCTAD Global Cyberlaw Tracker statuses and laws for the FEALAC economies',
    description:
      'One row per economy and area (Electronic Transactions, Consumer Protection, Privacy and Data Protection, Cybercrime, Indirect Taxation) with the tracker\'s status as it gives it, the observatory score (1 / 0.5 / 0 / empty) and a `flagged` note where the value is known to be doubtful. ' +
      'The laws are offered as candidate sources for measure records. Filters `economy=`, `area=`, `status=`.',
    query: cyberlawQuery,
    row: cyberlawRow,
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      await checkMembers(db, query.economy ?? [], 'economy');
      const { statuses, laws } = await listCyberlaw(db, { economies: query.economy, area: query.area, status: query.status });
      const rows = statuses.map((s) => {
        const mine = laws.filter((l) => l.iso3 === s.iso3 && l.area === s.area);
        return { ...s, score: cyberlawScore(s.status), laws: mine.map((l) => l.title ?? l.url), law_urls: mine.map((l) => l.url) };
      });
      return { rows, sources: await sourcesOf(db, statuses.map((s) => s.source_id)), title: 'UNCTAD Global Cyberlaw Tracker (FEALAC economies)' };
    },
  });

  api.data({
    path: '/api/regulation/treaties',
    tag: 'regulation',
    summary: 'Treaty and model-law status (ITA, GPA, PCT, WCT, WPPT, telecom Reference Paper, ECC, UNCITRAL model laws, data-flow agreements)',
    description: '`unknown` means not confirmed, never "no". Filters `economy=`, `instrument=wipo_pct~ita_i`.',
    query: treatyQuery,
    row: treatyRow,
    async handler({ query, ctx }) {
      await checkMembers(ctx.db.kysely, query.economy ?? [], 'economy');
      if (query.instrument?.length) checkKnown('instrument', query.instrument, [...JACCARD_INSTRUMENTS, ...(await listTreaties(ctx.db.kysely)).map((t) => t.instrument)], { what: 'instrument' });
      const rows = await listTreaties(ctx.db.kysely, { economies: query.economy, instruments: query.instrument });
      return { rows, sources: await sourcesOf(ctx.db.kysely, rows.map((r) => r.source_id)), title: 'Treaty and model-law status' };
    },
  });

  api.data({
    path: '/api/regulation/de-minimis',
    tag: 'regulation',
    summary: 'De minimis thresholds for low-value imports (duty and tax), with their history and sources',
    description: 'Rows as the sources give them (amount text, USD figure only where the source gives one). Filters `economy=`, `kind=duty|tax|both`.',
    query: deMinimisQuery,
    row: deMinimisRow,
    async handler({ query, ctx }) {
      await checkMembers(ctx.db.kysely, query.economy ?? [], 'economy');
      const rows = await listDeMinimis(ctx.db.kysely, { economies: query.economy, kind: query.kind });
      return { rows, sources: await sourcesOf(ctx.db.kysely, rows.map((r) => r.source_id)), title: 'De minimis thresholds' };
    },
  });

  api.data({
    path: '/api/regulation/audit',
    tag: 'regulation',
    summary: 'Audit log of every write to measure records (who, when, before, after)',
    description: 'Newest first. Filters `entity_id=` (a measure id), `actor=`.',
    query: auditQuery,
    row: auditRow,
    async handler({ query, ctx }) {
      const rows = await listAudit(ctx.db.kysely, { entityId: query.entity_id, actor: query.actor });
      return { rows, title: 'Regulation audit log' };
    },
  });

  // ---------------------------------------------------------------- writes
  const writeDoc = 'Needs `Authorization: Bearer <PUENTE_EDITOR_TOKEN>` (403 when the setting is unset); `X-Puente-Actor` names who writes (default "token"). Recorded in the audit log.';
  const measureResponse = z.object({ ok: z.literal(true), measure: measureRow });

  async function validated(db: Kysely<any>, m: Pick<MeasureInput, 'framework_version' | 'indicator_id' | 'category_id'>, where = ''): Promise<void> {
    const problem = frameworkProblem(await frameworks(db), m);
    if (problem) throw new ApiError(400, `Bad body: ${where}${problem.field}: ${problem.message}`, [`${where}${problem.field}: ${problem.message}`]);
  }

  api.json({
    method: 'post',
    path: '/api/regulation/measures',
    tag: 'regulation',
    summary: 'Create a measure record, or import many as {"measures": [...]} (the JSON export\'s rows)',
    description: `${writeDoc} One measure: 200 with \`measure\`; 409 when its id exists. Many: upserted by id in one transaction, answers \`written\` (records new or changed).`,
    body: measureCreateBody,
    auth: 'editor',
    bodySize: 'bulk',
    response: z.object({ ok: z.literal(true), measure: measureRow.optional(), written: z.number().int().optional() }),
    async handler(c, body) {
      const actor = actorOf(c);
      const db = api.ctx.db.kysely;
      const who = { actor, at: api.ctx.clock().toISOString() };
      if (body.measures) {
        const list = body.measures;
        const inputs: MeasureInput[] = list.map((m, i) => parseOrThrow(measureInput, m, `measures[${i}]`));
        for (const [i, m] of inputs.entries()) await validated(db, m, `measures[${i}].`);
        const ids = inputs.map((m) => m.id).filter(Boolean);
        if (new Set(ids).size !== ids.length) throw new ApiError(400, 'Bad body: the same id appears twice in measures');
        const written = await db.transaction().execute((tx) => importMeasures(tx, inputs, who));
        return { written };
      }
      const { measures: _none, ...single } = body;
      const input = parseOrThrow(measureInput, single, 'body');
      await validated(db, input);
      try {
        return { measure: await createMeasure(db, input, who) };
      } catch (err) {
        if (err instanceof MeasureConflict) throw new ApiError(409, err.message);
        throw err;
      }
    },
  });

  api.json({
    method: 'post',
    path: '/api/regulation/measures/{id}',
    tag: 'regulation',
    summary: 'Update a measure record (the fields given)',
    description: writeDoc,
    params: z.object({ id: measureId }),
    body: measurePatch,
    auth: 'editor',
    response: measureResponse,
    async handler(c, body) {
      const actor = actorOf(c);
      const id = parseOrThrow(measureId, c.req.param('id'), 'path');
      const db = api.ctx.db.kysely;
      const current = await getMeasure(db, id);
      if (!current) throw new ApiError(404, `No measure "${id}"`);
      const merged = { ...current, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) } as Measure;
      await validated(db, merged);
      const measure = await updateMeasure(db, id, body, { actor, at: api.ctx.clock().toISOString() });
      if (!measure) throw new ApiError(404, `No measure "${id}"`);
      return { measure };
    },
  });

  api.json({
    method: 'post',
    path: '/api/regulation/measures/{id}/delete',
    tag: 'regulation',
    summary: 'Delete a measure record (the audit log keeps what it was)',
    description: writeDoc,
    params: z.object({ id: measureId }),
    auth: 'editor',
    response: z.object({ ok: z.literal(true), deleted: measureRow }),
    async handler(c) {
      const actor = actorOf(c);
      const id = parseOrThrow(measureId, c.req.param('id'), 'path');
      const deleted = await deleteMeasure(api.ctx.db.kysely, id, { actor, at: api.ctx.clock().toISOString() });
      if (!deleted) throw new ApiError(404, `No measure "${id}"`);
      return { deleted };
    },
  });
}

