import { tfMeasureName } from '../facilitation/index.js';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listAudit } from '../../platform/audit.js';
import { actorOf } from '../../platform/auth/principal.js';
import type { Api, Env, SourceRow } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown, countryList } from '../../platform/http/grammar.js';
import { listCountries } from '../countries/index.js';
import { indicatorSources, usdRates } from '../indicators/index.js';
import { analyseCase, compareCases, copyToBe, graphProblem, stepChanges, type Analysis, type Breakdown, type Rate } from './compute.js';
import { CsvCaseError, proceduresFromCsv, stepRows } from './case-csv.js';
import { analysisSchema, benchmarkRow, bottleneckRow, caseRow, caseSchema, deltaSchema, documentRow, LABELS, stepRow, type BpaCase } from './schema.js';
import { CaseConflict, createCase, deleteCase, getCase, listBenchmarks, listCases, replaceCase, toBeCasesOf, type StoredCase } from './store.js';

// ---------------------------------------------------------------- analysis with dated rates

/** The rates a case's costs need, at the case's date (asOf); without a date only US$ converts. */
export async function ratesFor(db: Kysely<any>, c: BpaCase): Promise<{ rates: Map<string, Rate>; sourceIds: string[] }> {
  const currencies = [...new Set(c.procedures.flatMap((p) => p.steps.map((s) => s.cost?.currency)).filter((x): x is string => !!x))];
  const rates = new Map<string, Rate>();
  const sourceIds: string[] = [];
  for (const currency of currencies) {
    if (currency === 'USD') {
      rates.set(currency, { currency, lcuPerUsd: 1, rateYear: null, missing: null });
      continue;
    }
    if (!c.asOf) {
      rates.set(currency, { currency, lcuPerUsd: null, rateYear: null, missing: `the case has no date (asOf) to take a ${currency} rate at` });
      continue;
    }
    const [r] = await usdRates(db, [{ currency, date: c.asOf }]);
    rates.set(currency, { currency, lcuPerUsd: r.lcuPerUsd, rateYear: r.rateYear, missing: r.missing });
    if (r.sourceId) sourceIds.push(r.sourceId);
  }
  return { rates, sourceIds };
}

async function analyse(db: Kysely<any>, c: BpaCase, settings: { variability: number; manyActors: number }): Promise<{ analysis: Analysis; rateSources: string[] }> {
  const { rates, sourceIds } = await ratesFor(db, c);
  return { analysis: analyseCase(c, { rates, variabilityThreshold: settings.variability, manyActors: settings.manyActors }), rateSources: sourceIds };
}

const breakdownOut = (b: Breakdown) => ({ key: b.key, steps: b.steps, sum_days: b.sumDays, cost_usd: b.costUsd, time_share: b.timeShare, cost_share: b.costShare, critical_days: b.criticalDays, elapsed_share: b.elapsedShare });

function analysisOut(a: Analysis) {
  return {
    counts: { procedures: a.counts.procedures, steps: a.counts.steps, actors: a.counts.actors, documents: a.counts.documents, physical_visits: a.counts.physicalVisits },
    elapsed_days: a.elapsedDays,
    sum_days: a.sumDays,
    known_sum_days: a.knownSumDays,
    best_elapsed_days: a.bestElapsedDays,
    worst_elapsed_days: a.worstElapsedDays,
    critical_path: a.criticalPath,
    cost_usd: a.costUsd,
    one_time_cost_usd: a.oneTimeCostUsd,
    cost_share_of_value: a.costShareOfValue,
    by_area: a.byArea.map(breakdownOut),
    by_actor: a.byActor.map(breakdownOut),
    incomplete: a.incomplete,
    rates: a.rates.map((r) => ({ currency: r.currency, lcu_per_usd: r.lcuPerUsd, rate_year: r.rateYear, missing: r.missing })),
  };
}

const caseId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,80}$/, 'is not a case id');

const casesQuery = z.object({
  economy: countryList.optional().describe('Cases whose exporter or importer is one of these (ISO3, ~-separated)'),
  label: z.enum(LABELS).optional(),
});
const economyQuery = z.object({ economy: countryList.optional() });

const LABEL_TITLE: Record<string, string> = { PARTIAL: ' [PARTIAL case]', SYNTHETIC: ' [SYNTHETIC case]', COMPLETE: '' };


// ---------------------------------------------------------------- routes

export function processRoutes(api: Api): void {
  const settings = () => ({ variability: api.ctx.config.PUENTE_BPA_VARIABILITY, manyActors: api.ctx.config.PUENTE_BPA_MANY_ACTORS });

  async function caseSources(db: Kysely<any>, stored: StoredCase[], extra: string[] = []): Promise<SourceRow[]> {
    return indicatorSources(db, [...stored.map((s) => s.source_id), ...extra]);
  }

  async function found(db: Kysely<any>, id: string): Promise<StoredCase> {
    const stored = await getCase(db, id);
    if (!stored) throw new ApiError(404, `No case "${id}" (GET /api/processes/cases lists them)`);
    return stored;
  }

  api.data({
    path: '/api/processes/cases',
    tag: 'processes',
    summary: 'Business-process analysis cases with their totals (elapsed time, sum, cost, counts)',
    description:
      'One row per case. `label` says PARTIAL (the source gives part of the process) or SYNTHETIC (invented); totals are empty when a value they need is unknown, and `incomplete` says which and why. Filters `economy=ARG~PER`, `label=PARTIAL`.',
    query: casesQuery,
    row: caseRow,
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      checkKnown('economy', query.economy, (await listCountries(db)).map((c) => c.iso3), { what: 'FEALAC economy' });
      const stored = await listCases(db, { economies: query.economy, label: query.label });
      const rows = [];
      const rateSources: string[] = [];
      for (const s of stored) {
        const { analysis: a, rateSources: rs } = await analyse(db, s.doc, settings());
        rateSources.push(...rs);
        rows.push({
          id: s.doc.id,
          title: s.doc.title,
          label: s.doc.label,
          status: s.doc.status,
          baseline_case_id: s.doc.baselineCaseId,
          exporter: s.doc.exporter,
          importer: s.doc.importer,
          channel: s.doc.channel,
          procedures: a.counts.procedures,
          steps: a.counts.steps,
          actors: a.counts.actors,
          documents: a.counts.documents,
          elapsed_days: a.elapsedDays,
          sum_days: a.sumDays,
          cost_usd: a.costUsd,
          incomplete: a.incomplete.length ? a.incomplete.map((i) => `${i.total}: ${i.reason}`).join(' | ') : null,
          updated_at: s.updated_at,
        });
      }
      const labels = new Set(rows.map((r) => r.label));
      const mark = [labels.has('PARTIAL') ? 'PARTIAL' : null, labels.has('SYNTHETIC') ? 'SYNTHETIC' : null].filter(Boolean).join(' and ');
      return { rows, sources: await caseSources(db, stored, rateSources), title: `Business-process analysis cases${mark ? ` (includes ${mark} cases)` : ''}` };
    },
  });

  api.data({
    path: '/api/processes/cases/{id}',
    tag: 'processes',
    summary: 'One case: its steps with times, costs and schedule (the CSV export), its analysis, the Doing Business context and, for a to-be case, the deltas against its as-is case',
    description:
      'Rows: one per step in order, with earliest start/finish, slack and whether it is on the critical path (the .csv twin is the case\'s CSV export; POST it back to /api/processes/cases/{id}/steps). Fields: `case` (the whole document, the JSON export), `analysis` (totals, shares by area and actor, what is incomplete and why), `benchmark` (Doing Business export hours and cost scores of the exporter, a different scope), `baseline` (a to-be case\'s deltas), `to_be` (to-be cases built on this one).',
    params: z.object({ id: caseId }),
    row: stepRow,
    fields: {
      case: caseSchema,
      analysis: analysisSchema,
      benchmark: z.array(benchmarkRow),
      baseline: z
        .object({ id: z.string(), title: z.string().nullable(), found: z.boolean(), deltas: z.array(deltaSchema), removed_steps: z.array(z.string()), added_steps: z.array(z.string()) })
        .nullable(),
      to_be: z.array(z.string()),
    },
    async handler({ params, ctx }) {
      const db = ctx.db.kysely;
      const stored = await found(db, params.id);
      const c = stored.doc;
      const { analysis: a, rateSources } = await analyse(db, c, settings());
      let baseline = null;
      const extra = [...rateSources];
      if (c.baselineCaseId) {
        const base = await getCase(db, c.baselineCaseId);
        if (base) {
          const b = await analyse(db, base.doc, settings());
          const changes = stepChanges(base.doc, c);
          baseline = { id: base.doc.id, title: base.doc.title, found: true, deltas: compareCases(b.analysis, a).map((d) => ({ metric: d.metric, as_is: d.asIs, to_be: d.toBe, delta: d.delta })), removed_steps: changes.removed, added_steps: changes.added };
        } else baseline = { id: c.baselineCaseId, title: null, found: false, deltas: [], removed_steps: [], added_steps: [] };
      }
      const benchmark = c.exporter ? await listBenchmarks(db, [c.exporter]) : [];
      extra.push(...benchmark.map((b) => b.source_id));
      return {
        rows: stepRows(c, a),
        fields: { case: c, analysis: analysisOut(a), benchmark: benchmark.map((b) => ({ ...b, unit: /hours/.test(b.series) ? 'hours' : 'score 0-100' })), baseline, to_be: await toBeCasesOf(db, c.id) },
        sources: await caseSources(db, [stored], extra),
        title: `${c.title}${LABEL_TITLE[c.label]}`,
      };
    },
  });

  api.data({
    path: '/api/processes/cases/{id}/documents',
    tag: 'processes',
    summary: 'The documents table of a case: each document, the steps that need it, produce it or name it',
    params: z.object({ id: caseId }),
    row: documentRow,
    async handler({ params, ctx }) {
      const stored = await found(ctx.db.kysely, params.id);
      const c = stored.doc;
      const docs = new Map<string, { in: string[]; out: string[]; none: string[]; paper: boolean | null }>();
      for (const p of c.procedures)
        for (const s of p.steps)
          for (const d of s.documents) {
            const e = docs.get(d.name) ?? { in: [], out: [], none: [], paper: null };
            (d.direction === 'IN' ? e.in : d.direction === 'OUT' ? e.out : e.none).push(s.id);
            if (d.paper !== null) e.paper = (e.paper ?? false) || d.paper;
            docs.set(d.name, e);
          }
      const rows = [...docs].map(([name, e]) => ({
        case_id: c.id,
        label: c.label,
        document: name,
        used_in: e.in.join('; '),
        produced_in: e.out.join('; '),
        mentioned_in: e.none.join('; '),
        steps: new Set([...e.in, ...e.out, ...e.none]).size,
        paper: e.paper,
      }));
      return { rows, sources: await caseSources(ctx.db.kysely, [stored]), title: `Documents of ${c.title}${LABEL_TITLE[c.label]}` };
    },
  });

  api.data({
    path: '/api/processes/cases/{id}/bottlenecks',
    tag: 'processes',
    summary: 'Bottleneck candidates of a case, ranked, each with the trade-facilitation measures that would remove it',
    description: 'Candidates for the analyst to confirm (bpa.md §1.8): the longest steps on the critical path, unpredictable steps, paper or physical visits, many parties, repeated documents, missing information. `tf_measures` are the UN TF survey measures (name [facilitation module id]; versioned mapping processes/tf-links.json) that would remove it.',
    params: z.object({ id: caseId }),
    row: bottleneckRow,
    async handler({ params, ctx }) {
      const stored = await found(ctx.db.kysely, params.id);
      const { analysis: a } = await analyse(ctx.db.kysely, stored.doc, settings());
      const rows = a.bottlenecks.map((b) => ({ case_id: stored.doc.id, label: stored.doc.label, rank: b.rank, kind: b.kind, step_ids: b.stepIds.join('; '), reason: b.reason, days: b.days, tf_measures: b.tfMeasures.map((id) => `${tfMeasureName(id) ?? id} [${id}]`).join('; ') }));
      return { rows, sources: await caseSources(ctx.db.kysely, [stored]), title: `Bottlenecks of ${stored.doc.title}${LABEL_TITLE[stored.doc.label]}` };
    },
  });

  api.data({
    path: '/api/processes/cases/{id}/audit',
    tag: 'processes',
    summary: 'Audit log of the edits of a case (who, when, before, after)',
    params: z.object({ id: caseId }),
    row: z.object({ id: z.string(), at: z.string(), actor: z.string(), action: z.string(), entity_id: z.string() }),
    async handler({ params, ctx }) {
      const rows = await listAudit(ctx.db.kysely, { entity: 'bpa_cases', entityId: params.id });
      // A deleted case keeps its history; an id that never was is not found.
      if (!rows.length && !(await getCase(ctx.db.kysely, params.id))) throw new ApiError(404, `No case "${params.id}"`);
      return { rows: rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, entity_id: r.entity_id })), title: `Edits of case ${params.id}` };
    },
  });

  api.data({
    path: '/api/processes/benchmarks',
    tag: 'processes',
    summary: 'Doing Business "trading across borders" (DB16-20): export and import hours, and cost scores, by economy',
    description: 'The context shown beside a case (a different scope: a standard shipment by sea or land, not an MSME parcel). Costs exist in this export only as 0-100 scores. ".." in the source = empty here. Filter `economy=ARG~PER`.',
    query: economyQuery,
    row: benchmarkRow,
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      checkKnown('economy', query.economy, (await listCountries(db)).map((c) => c.iso3), { what: 'FEALAC economy' });
      const rows = await listBenchmarks(db, query.economy ?? []);
      return { rows: rows.map((b) => ({ ...b, unit: /hours/.test(b.series) ? 'hours' : 'score 0-100' })), sources: await indicatorSources(db, rows.map((r) => r.source_id)), title: 'Doing Business: trading across borders' };
    },
  });

  // ---------------------------------------------------------------- writes
  const writeDoc = 'Needs `Authorization: Bearer <PUENTE_EDITOR_TOKEN>` (403 when the setting is unset); `X-Puente-Actor` names who writes (default "token"). Recorded in the audit log.';
  const caseResponse = z.object({ ok: z.literal(true), case: caseSchema });
  const who = (c: Context<Env>) => ({ actor: actorOf(c), at: api.ctx.clock().toISOString() });

  async function checked(db: Kysely<any>, c: BpaCase): Promise<BpaCase> {
    const problem = graphProblem(c);
    if (problem) throw new ApiError(400, `Bad body: procedures: ${problem}`, [`procedures: ${problem}`]);
    if (c.status === 'TO_BE' && !c.baselineCaseId) throw new ApiError(400, 'Bad body: baselineCaseId: a to-be case names its as-is case', ['baselineCaseId: a to-be case names its as-is case']);
    if (c.baselineCaseId && !(await getCase(db, c.baselineCaseId))) throw new ApiError(400, `Bad body: baselineCaseId: no case "${c.baselineCaseId}"`, [`baselineCaseId: no case "${c.baselineCaseId}"`]);
    if (c.baselineCaseId === c.id) throw new ApiError(400, 'Bad body: baselineCaseId: a case cannot be its own baseline');
    const members = new Set((await listCountries(db)).map((m) => m.iso3));
    if (c.exporter && !members.has(c.exporter)) throw new ApiError(400, `Bad body: exporter: ${c.exporter} is not one of the 36 FEALAC economies`);
    return c;
  }

  api.json({
    method: 'post',
    path: '/api/processes/cases',
    tag: 'processes',
    summary: 'Create a case (the JSON export of a case, or a new one)',
    description: `${writeDoc} 409 when the id exists; 400 names the field, or the steps of a dependency cycle.`,
    body: caseSchema,
    auth: 'editor',
    bodySize: 'bulk',
    response: caseResponse,
    async handler(c, body) {
      const db = api.ctx.db.kysely;
      const doc = await checked(db, body);
      try {
        return { case: (await createCase(db, doc, who(c))).doc };
      } catch (err) {
        if (err instanceof CaseConflict) throw new ApiError(409, err.message);
        throw err;
      }
    },
  });

  api.json({
    method: 'post',
    path: '/api/processes/cases/{id}',
    tag: 'processes',
    summary: 'Replace a case with the document sent (add, edit or remove procedures and steps, set dependencies and sources)',
    description: writeDoc,
    params: z.object({ id: caseId }),
    body: caseSchema,
    auth: 'editor',
    bodySize: 'bulk',
    response: caseResponse,
    async handler(c, body) {
      const db = api.ctx.db.kysely;
      const id = c.req.param('id')!;
      if (!(await getCase(db, id))) throw new ApiError(404, `No case "${id}"`);
      if (body.id !== id) throw new ApiError(400, `Bad body: id: "${body.id}" is not the case of the path ("${id}")`);
      const doc = await checked(db, body);
      const stored = await replaceCase(db, doc, who(c));
      if (!stored) throw new ApiError(404, `No case "${id}"`);
      return { case: stored.doc };
    },
  });

  api.json({
    method: 'post',
    path: '/api/processes/cases/{id}/steps',
    tag: 'processes',
    summary: 'Import a case\'s procedures and steps from CSV (the .csv export of /api/processes/cases/{id}), replacing those it has',
    description: `${writeDoc} Body \`{"csv": "..."}\`; all-or-nothing, each problem names its line and column.`,
    params: z.object({ id: caseId }),
    body: z.object({ csv: z.string().min(1).max(2_000_000) }).strict(),
    auth: 'editor',
    bodySize: 'bulk',
    response: caseResponse,
    async handler(c, body) {
      const db = api.ctx.db.kysely;
      const id = c.req.param('id')!;
      const current = await getCase(db, id);
      if (!current) throw new ApiError(404, `No case "${id}"`);
      let procedures;
      try {
        procedures = proceduresFromCsv(body.csv);
      } catch (err) {
        if (err instanceof CsvCaseError) throw new ApiError(400, `Bad body: csv: ${err.message}`, err.problems);
        throw err;
      }
      const doc = await checked(db, { ...current.doc, procedures });
      const stored = await replaceCase(db, doc, who(c));
      return { case: stored!.doc };
    },
  });

  api.json({
    method: 'post',
    path: '/api/processes/cases/{id}/copy',
    tag: 'processes',
    summary: 'Start a to-be case as a copy of this (as-is) case',
    description: `${writeDoc} Body \`{"id": "new-id", "title": "..."}\`; 409 when the new id exists.`,
    params: z.object({ id: caseId }),
    body: z.object({ id: caseId, title: z.string().trim().min(1).max(500).optional() }).strict(),
    auth: 'editor',
    response: caseResponse,
    async handler(c, body) {
      const db = api.ctx.db.kysely;
      const current = await getCase(db, c.req.param('id')!);
      if (!current) throw new ApiError(404, `No case "${c.req.param('id')!}"`);
      try {
        return { case: (await createCase(db, copyToBe(current.doc, body.id, body.title), who(c), current.source_id)).doc };
      } catch (err) {
        if (err instanceof CaseConflict) throw new ApiError(409, err.message);
        throw err;
      }
    },
  });

  api.json({
    method: 'post',
    path: '/api/processes/cases/{id}/delete',
    tag: 'processes',
    summary: 'Delete a case (the audit log keeps what it was)',
    description: `${writeDoc} 409 while to-be cases name it as their baseline.`,
    params: z.object({ id: caseId }),
    auth: 'editor',
    response: z.object({ ok: z.literal(true), deleted: caseSchema }),
    async handler(c) {
      const db = api.ctx.db.kysely;
      const id = c.req.param('id')!;
      const dependants = await toBeCasesOf(db, id);
      if (dependants.length) throw new ApiError(409, `Case "${id}" is the baseline of ${dependants.join(', ')}; delete or rebase those first`);
      const deleted = await deleteCase(db, id, who(c));
      if (!deleted) throw new ApiError(404, `No case "${id}"`);
      return { deleted };
    },
  });
}
