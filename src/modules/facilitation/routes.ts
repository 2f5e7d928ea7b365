import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listAudit, writeAudit } from '../../platform/audit.js';
import { actorOf } from '../../platform/auth/principal.js';
import type { Api, Env } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown } from '../../platform/http/grammar.js';
import { GROUPS, groupMembers, iso3Param, listCountries, memberCodes } from '../countries/index.js';
import { coreGroups, headline, latestStatuses, nextMeasures, OVERALL, peerGaps, pooledAverage, scoreRows, stageOf, type KnownStatus } from './compute.js';
import { frameworkFor, latestSequence, tfFiles } from './framework.js';
import {
  averageRow,
  averagesQuery,
  channelRow,
  comparisonQuery,
  comparisonRow,
  gapRow,
  measureRow,
  nextQuery,
  nextRow,
  scoreRow,
  scoresQuery,
  statusEditBody,
  statusesQuery,
  statusRow,
  stepRow,
  type AverageRow,
  type ComparisonRow,
  type ScoreRecord,
  type StatusRecord,
  type TfAverage,
} from './schema.js';
import { deleteStatus, getStatus, listChannels, listScores, listStatuses, tfSourcesOf, writeStatusEntry } from './store.js';

const TAG = 'facilitation';
const ABOUT =
  'UN Global Survey on Digital and Sustainable Trade Facilitation (untfsurvey.org): statuses 3 fully, 2 partially, 1 pilot, 0 not implemented; ' +
  'group % = sum / (3 n), overall % = sum over the 31 core measures / 93 (docs/methodology.md#trade-facilitation). ' +
  '"Secondary" figures (quoted by press releases or news, not read on untfsurvey.org) keep that label. A score no source gives is absent, never 0.';

const any = z.array(z.any());
const averageSchema = z.object({ value: z.number().nullable(), n: z.number().int(), secondary_n: z.number().int(), min_n: z.number().int(), enough_data: z.boolean() });

type Db = Kysely<any>;

async function checkEconomy(db: Db, iso3: string): Promise<string[]> {
  const members = await memberCodes(db);
  if (!members.includes(iso3)) throw new ApiError(404, `${iso3} is not one of the 36 FEALAC economies`);
  return members;
}

/** The chosen peers: a list, a sub-regional group, or (default) every other member. */
async function resolvePeers(db: Db, iso3: string, members: string[], q: { peers?: string[]; group?: string }, fallback: 'others' | 'none'): Promise<{ peers: string[]; chosen: boolean }> {
  if (q.peers?.length) {
    checkKnown('peers', q.peers, members, { what: 'FEALAC economy' });
    return { peers: q.peers.filter((c) => c !== iso3), chosen: true };
  }
  if (q.group) {
    checkKnown('group', q.group, GROUPS.map((g) => g.code), { what: 'sub-regional group' });
    return { peers: (await groupMembers(db, [q.group])).filter((c) => c !== iso3), chosen: true };
  }
  return { peers: fallback === 'others' ? members.filter((c) => c !== iso3) : [], chosen: false };
}

function statusesByEconomy(records: readonly StatusRecord[], upTo?: number | null): Map<string, Map<string, KnownStatus>> {
  const by = new Map<string, StatusRecord[]>();
  for (const r of records) by.set(r.iso3, [...(by.get(r.iso3) ?? []), r]);
  return new Map([...by].map(([iso3, rs]) => [iso3, latestStatuses(rs, upTo)]));
}

async function hostsOf(db: Db, scores: ScoreRecord[]): Promise<(id: string) => string> {
  const sources = await tfSourcesOf(db, scores.map((s) => s.source_id));
  const by = new Map(sources.map((s) => [s.id, s.publisher]));
  return (id) => by.get(id) ?? id;
}

export function facilitationRoutes(api: Api): void {
  // A bad framework or sequence file stops the start, not a later request.
  tfFiles();
  api.data({
    path: '/api/facilitation/framework',
    tag: TAG,
    summary: 'The survey framework: measures with ids, names, groups and stages; scale, scoring rules, provenance and verify flags',
    description: `${ABOUT} Versioned data shipped with Puente: a new survey round is a new framework file. Query \`round\` picks the framework covering that round (default: the newest).`,
    query: z.object({ round: comparisonQuery.shape.round }),
    row: measureRow,
    fields: { framework: z.any(), frameworks: z.array(z.object({ id: z.string(), version: z.string(), rounds: z.array(z.number().int()) })) },
    async handler({ query }) {
      const files = tfFiles();
      const fw = frameworkFor(files, query.round);
      const seq = latestSequence(files);
      const groups = new Map(fw.groups.map((g) => [g.id, g]));
      const { measures: _m, ...framework } = fw;
      return {
        rows: fw.measures.map((m) => ({ id: m.id, group: m.group, group_name: groups.get(m.group)!.name, core: groups.get(m.group)!.core, name: m.name, stage: stageOf(seq, m.id), verify: m.verify ?? groups.get(m.group)!.verify ?? null })),
        fields: { framework, frameworks: files.frameworks.map((f) => ({ id: f.id, version: f.version, rounds: f.rounds })) },
        title: `${fw.title} ${fw.version}: measures`,
      };
    },
  });

  api.data({
    path: '/api/facilitation/sequence',
    tag: TAG,
    summary: 'The implementation sequence (FEALAC 2006 study): stages A, B, C, each step\'s measure, prerequisites and sources',
    description: 'Versioned data shipped with Puente. Each prerequisite link has its source; `puente_reading` marks a link or a match that is Puente\'s own reading. Named field `sequence`: stages, rules and links.',
    row: stepRow,
    fields: { sequence: z.any() },
    async handler() {
      const seq = latestSequence(tfFiles());
      if (!seq) return { rows: [], fields: { sequence: null } };
      const { steps, ...sequence } = seq;
      return {
        rows: steps.map((s) => ({
          id: s.id,
          label: s.label,
          stage: s.stage,
          alt_stages: s.alt_stages.join('~'),
          measure: s.measure,
          prerequisites: s.measure ? seq.links.filter((l) => l.to === s.measure).map((l) => l.from).join('~') : '',
          source: s.source,
          puente_reading: s.puente_reading,
          note: s.note,
        })),
        fields: { sequence },
        title: seq.title,
      };
    },
  });

  api.data({
    path: '/api/facilitation/scores',
    tag: TAG,
    summary: 'Overall and core group scores per economy and round: published, computed from statuses, and whether they disagree',
    description: `${ABOUT} Filters \`country=PRY~MEX\`, \`round=2025\`. One row per economy, round and score; \`other_values\` lists what other sources published for the same score (a conflict, kept).`,
    query: scoresQuery,
    row: scoreRow,
    fields: { sources: any },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      if (query.country?.length) checkKnown('country', query.country, await memberCodes(db), { what: 'FEALAC economy' });
      const scores = await listScores(db, { economies: query.country, round: query.round });
      const statuses = await listStatuses(db, { economies: query.country, round: query.round });
      const files = tfFiles();
      const hosts = await hostsOf(db, scores);
      const rounds = [...new Set([...scores, ...statuses].map((r) => r.round))];
      const rows = rounds.flatMap((r) => scoreRows(frameworkFor(files, r), scores.filter((s) => s.round === r), statuses.filter((s) => s.round === r), hosts));
      rows.sort((a, b) => a.iso3.localeCompare(b.iso3) || a.round - b.round);
      return { rows, sources: await tfSourcesOf(db, [...rows.map((r) => r.source_id), ...statuses.map((s) => s.source_id)]), title: 'Trade facilitation scores (UN Global Survey)' };
    },
  });

  api.data({
    path: '/api/facilitation/comparison',
    tag: TAG,
    summary: 'Overall and core group scores of every economy with a score in one round, with FEALAC and regional averages (pooled, with n)',
    description:
      `${ABOUT} One row per economy with a score in the round (the untfsurvey.org value where sources conflict). Named fields: \`averages\` per scope (fealac, east_asia, latin_america) and score, each with \`n\`, \`secondary_n\` and \`min_n\` (PUENTE_TF_AVERAGE_MIN_ECONOMIES); below it \`value\` is null ("not enough data"). \`without_score\`: members with no score that round (missing, not 0).`,
    query: comparisonQuery,
    row: comparisonRow,
    fields: { round: z.number().int().nullable(), rounds: z.array(z.number().int()), averages: z.record(z.string(), z.record(z.string(), averageSchema)), without_score: z.array(z.string()), sources: any },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      const all = await listScores(db);
      const rounds = [...new Set(all.map((s) => s.round))].sort((a, b) => a - b);
      const round = query.round ?? rounds.at(-1) ?? null;
      if (query.round !== undefined && !rounds.includes(query.round)) throw new ApiError(404, `No trade facilitation scores for ${query.round}${rounds.length ? ` (rounds held: ${rounds.join(', ')})` : ''}`);
      const countries = await listCountries(db);
      const fw = frameworkFor(tfFiles(), round);
      const groups = [OVERALL, ...coreGroups(fw).map((g) => g.id)];
      const scored = new Map(coreGroups(fw).map((g) => [g.id, g.scored!] as const)).set(OVERALL, fw.rules.core_measures);
      const inRound = all.filter((s) => s.round === round);
      const rows: ComparisonRow[] = [];
      for (const c of countries.map((x) => x.iso3).sort()) {
        const mine = inRound.filter((s) => s.iso3 === c);
        if (!mine.length) continue;
        const row: Record<string, unknown> = { iso3: c, round, secondary: false, conflict: false };
        for (const g of groups) {
          const h = headline(mine.filter((s) => s.grp === g));
          row[g] = h?.value.score_pct ?? null;
          if (h?.value.secondary) row.secondary = true;
          if (h?.conflict) row.conflict = true;
        }
        rows.push(row as ComparisonRow);
      }
      const minN = ctx.config.PUENTE_TF_AVERAGE_MIN_ECONOMIES;
      const regionOf = new Map(countries.map((c) => [c.iso3, c.fealac_region]));
      const scopes: Record<string, (iso3: string) => boolean> = { fealac: () => true, east_asia: (c) => regionOf.get(c) === 'East Asia', latin_america: (c) => regionOf.get(c) === 'Latin America' };
      const averages: Record<string, Record<string, TfAverage>> = {};
      for (const [scope, inScope] of Object.entries(scopes)) {
        averages[scope] = {};
        for (const g of groups) {
          const items = rows.filter((r) => inScope(r.iso3) && r[g as keyof ComparisonRow] !== null).map((r) => {
            const h = headline(inRound.filter((s) => s.iso3 === r.iso3 && s.grp === g))!;
            return { pct: h.value.score_pct, measures: scored.get(g)!, secondary: h.value.secondary };
          });
          averages[scope][g] = pooledAverage(items, minN);
        }
      }
      const held = new Set(rows.map((r) => r.iso3));
      return {
        rows,
        fields: { round, rounds, averages, without_score: countries.map((c) => c.iso3).filter((c) => !held.has(c)).sort() },
        sources: await tfSourcesOf(db, inRound.map((s) => s.source_id)),
        title: `Trade facilitation scores${round ? `, ${round}` : ''}`,
      };
    },
  });

  api.data({
    path: '/api/facilitation/statuses',
    tag: TAG,
    summary: 'Per-measure implementation statuses by economy and round (the economy × measure matrix)',
    description: `${ABOUT} Filters \`country\`, \`round\`. Only the statuses a source gives (or a focal point entered): the others are unknown, not 0.`,
    query: statusesQuery,
    row: statusRow,
    fields: { sources: any },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      if (query.country?.length) checkKnown('country', query.country, await memberCodes(db), { what: 'FEALAC economy' });
      const files = tfFiles();
      const statuses = await listStatuses(db, { economies: query.country, round: query.round });
      const rows = statuses.map((s) => {
        const fw = frameworkFor(files, s.round);
        const m = fw.measures.find((x) => x.id === s.measure);
        return { iso3: s.iso3, round: s.round, measure: s.measure, group: m?.group ?? '', measure_name: m?.name ?? s.measure, status: s.status, entered_by: s.entered_by, source_id: s.source_id };
      });
      const order = new Map(frameworkFor(files).measures.map((m, i) => [m.id, i]));
      rows.sort((a, b) => a.iso3.localeCompare(b.iso3) || a.round - b.round || (order.get(a.measure) ?? 999) - (order.get(b.measure) ?? 999));
      return { rows, sources: await tfSourcesOf(db, rows.map((r) => r.source_id)), title: 'Trade facilitation measure statuses (UN Global Survey)' };
    },
  });

  api.data({
    path: '/api/facilitation/economies/{iso3}/averages',
    tag: TAG,
    summary: "An economy's scores by round beside the FEALAC, regional and chosen-peer averages (pooled, each with its n)",
    description: `${ABOUT} Peers: \`peers=ARG~BRA\` or \`group=mercosur\` (none by default). Averages below their gate (PUENTE_TF_AVERAGE_MIN_ECONOMIES; peers: PUENTE_TF_PEER_MIN_ECONOMIES) are empty, with n.`,
    params: iso3Param,
    query: averagesQuery,
    row: averageRow,
    fields: { region: z.string(), peers: z.array(z.string()), min_n: z.number().int(), peer_min_n: z.number().int(), sources: any },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const members = await checkEconomy(db, params.iso3);
      const { peers } = await resolvePeers(db, params.iso3, members, query, 'none');
      const countries = await listCountries(db);
      const region = countries.find((c) => c.iso3 === params.iso3)!.fealac_region;
      const inRegion = new Set(countries.filter((c) => c.fealac_region === region).map((c) => c.iso3));
      const all = await listScores(db);
      const files = tfFiles();
      const rounds = [...new Set(all.map((s) => s.round))].sort((a, b) => a - b);
      const rows: AverageRow[] = [];
      const minN = ctx.config.PUENTE_TF_AVERAGE_MIN_ECONOMIES;
      const peerMin = ctx.config.PUENTE_TF_PEER_MIN_ECONOMIES;
      const used: string[] = [];
      for (const round of rounds) {
        const fw = frameworkFor(files, round);
        const scored = new Map(coreGroups(fw).map((g) => [g.id, g.scored!] as const)).set(OVERALL, fw.rules.core_measures);
        for (const g of [OVERALL, ...coreGroups(fw).map((x) => x.id)]) {
          const heads = new Map<string, ScoreRecord>();
          for (const c of members) {
            const h = headline(all.filter((s) => s.round === round && s.grp === g && s.iso3 === c));
            if (h) heads.set(c, h.value);
          }
          const items = (codes: Iterable<string>) => [...codes].filter((c) => heads.has(c)).map((c) => ({ pct: heads.get(c)!.score_pct, measures: scored.get(g)!, secondary: heads.get(c)!.secondary }));
          const fealac = pooledAverage(items(members), minN);
          const reg = pooledAverage(items(inRegion), minN);
          const peer = pooledAverage(items(peers), peerMin);
          const own = heads.get(params.iso3) ?? null;
          if (!own && !fealac.n) continue;
          used.push(...[...heads.values()].map((s) => s.source_id));
          rows.push({ round, group: g, economy: own?.score_pct ?? null, fealac: fealac.value, fealac_n: fealac.n, region: reg.value, region_n: reg.n, peers: peer.value, peers_n: peer.n, secondary_n: fealac.secondary_n });
        }
      }
      return { rows, fields: { region, peers, min_n: minN, peer_min_n: peerMin }, sources: await tfSourcesOf(db, used), title: `Trade facilitation, ${params.iso3} and averages` };
    },
  });

  api.data({
    path: '/api/facilitation/economies/{iso3}/next',
    tag: TAG,
    summary: 'The next measures of the implementation sequence for an economy, with why each is proposed',
    description:
      'Steps of the FEALAC 2006 sequence tracked by a survey measure that the economy is not known to implement, whose prerequisites have a known status of at least PUENTE_TF_PREREQ_MIN_STATUS; ordered by stage, then by the share of peers implementing them (status >= PUENTE_TF_IMPLEMENTED_MIN_STATUS, among peers with a status; empty below PUENTE_TF_PEER_MIN_ECONOMIES). ' +
      'Statuses are the latest known per measure (up to `round`). Peers: `peers` or `group` (default: every other member). Named field `held_back`: steps waiting for a prerequisite (unknown is not met).',
    params: iso3Param,
    query: nextQuery,
    row: nextRow,
    fields: { peers: z.array(z.string()), held_back: any, implemented_min: z.number().int(), prereq_min: z.number().int(), peer_min_n: z.number().int(), sequence: z.string().nullable(), sources: any },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const members = await checkEconomy(db, params.iso3);
      const { peers } = await resolvePeers(db, params.iso3, members, query, 'others');
      const files = tfFiles();
      const seq = latestSequence(files);
      const statuses = await listStatuses(db, { economies: [params.iso3, ...peers] });
      const by = statusesByEconomy(statuses, query.round);
      const own = by.get(params.iso3) ?? new Map();
      by.delete(params.iso3);
      const o = { prereqMin: ctx.config.PUENTE_TF_PREREQ_MIN_STATUS, implementedMin: query.implemented ?? ctx.config.PUENTE_TF_IMPLEMENTED_MIN_STATUS, peerMin: ctx.config.PUENTE_TF_PEER_MIN_ECONOMIES };
      const result = seq ? nextMeasures(frameworkFor(files, query.round), seq, own, by, o) : { rows: [], held_back: [] };
      return {
        rows: result.rows,
        fields: { peers, held_back: result.held_back, implemented_min: o.implementedMin, prereq_min: o.prereqMin, peer_min_n: o.peerMin, sequence: seq ? `${seq.id}-${seq.version}` : null },
        sources: await tfSourcesOf(db, statuses.map((s) => s.source_id)),
        title: `Trade facilitation: next measures for ${params.iso3}`,
      };
    },
  });

  api.data({
    path: '/api/facilitation/economies/{iso3}/gaps',
    tag: TAG,
    summary: 'Measures that most of an economy\'s peers implement and it does not',
    description:
      'A measure is listed when the economy\'s latest known status is below PUENTE_TF_IMPLEMENTED_MIN_STATUS, at least PUENTE_TF_PEER_MIN_ECONOMIES peers have a status, and more than half of those implement it. Measures whose own status is unknown are counted in `unknown_own`, never listed as gaps. Peers: `peers` or `group` (default: every other member).',
    params: iso3Param,
    query: averagesQuery,
    row: gapRow,
    fields: { peers: z.array(z.string()), unknown_own: z.number().int(), implemented_min: z.number().int(), peer_min_n: z.number().int(), sources: any },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const members = await checkEconomy(db, params.iso3);
      const { peers } = await resolvePeers(db, params.iso3, members, query, 'others');
      const statuses = await listStatuses(db, { economies: [params.iso3, ...peers] });
      const by = statusesByEconomy(statuses);
      const own = by.get(params.iso3) ?? new Map();
      by.delete(params.iso3);
      const o = { implementedMin: ctx.config.PUENTE_TF_IMPLEMENTED_MIN_STATUS, peerMin: ctx.config.PUENTE_TF_PEER_MIN_ECONOMIES };
      const { rows, unknown_own } = peerGaps(frameworkFor(tfFiles()), own, by, o);
      return { rows, fields: { peers, unknown_own, implemented_min: o.implementedMin, peer_min_n: o.peerMin }, sources: await tfSourcesOf(db, statuses.map((s) => s.source_id)), title: `Trade facilitation: peer gaps of ${params.iso3}` };
    },
  });

  api.data({
    path: '/api/facilitation/economies/{iso3}/channels',
    tag: TAG,
    summary: "An economy's low-value export channels: caps, weights, declaration tiers and fees, with sources",
    description: 'From the low-value export channels file (docs/data-formats.md). A parameter with no figure in its source has an empty value. Trust A = official source, B = secondary.',
    params: iso3Param,
    row: channelRow,
    fields: { sources: any },
    async handler({ params, ctx }) {
      const db = ctx.db.kysely;
      await checkEconomy(db, params.iso3);
      const rows = await listChannels(db, { economies: [params.iso3] });
      return { rows, sources: await tfSourcesOf(db, rows.map((r) => r.source_id)), title: `Low-value export channels, ${params.iso3}` };
    },
  });

  api.data({
    path: '/api/facilitation/audit',
    tag: TAG,
    summary: 'Audit log of the trade facilitation statuses entered through the editing API',
    row: z.object({ id: z.string(), at: z.string(), actor: z.string(), action: z.string(), entity_id: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
    async handler({ ctx }) {
      const rows = await listAudit(ctx.db.kysely, { entity: 'tf_statuses' });
      return {
        rows: rows.map((r) => ({ id: String(r.id), at: String(r.at), actor: String(r.actor), action: String(r.action), entity_id: String(r.entity_id), before: r.before == null ? null : String(r.before), after: r.after == null ? null : String(r.after) })),
        title: 'Trade facilitation audit log',
      };
    },
  });

  api.json({
    method: 'post',
    path: '/api/facilitation/statuses',
    tag: TAG,
    summary: 'Enter, change or delete per-measure statuses (a round the survey pages did not show), recorded in the audit log',
    description:
      'Needs `Authorization: Bearer <PUENTE_EDITOR_TOKEN>` (403 when the setting is unset); `X-Puente-Actor` names who writes (default "token"). ' +
      'Body `{"statuses": [{"iso3": "PRY", "round": 2025, "measure": "appeal_mechanism", "status": 2, "source_url": "https://..."}]}`; `status: null` deletes. All or nothing, one audit row per status.',
    body: statusEditBody,
    auth: 'editor',
    response: z.object({ ok: z.literal(true), written: z.number().int(), deleted: z.number().int() }),
    async handler(c, body) {
      const actor = actorOf(c);
      const db = api.ctx.db.kysely;
      const members = await memberCodes(db);
      const files = tfFiles();
      const errors: string[] = [];
      body.statuses.forEach((s, i) => {
        if (!members.includes(s.iso3)) errors.push(`statuses[${i}].iso3: "${s.iso3}" is not one of the 36 FEALAC economies`);
        if (!files.frameworks.some((f) => f.rounds.includes(s.round))) errors.push(`statuses[${i}].round: ${s.round} is not a round of any survey framework file`);
        else if (!frameworkFor(files, s.round).measures.some((m) => m.id === s.measure)) errors.push(`statuses[${i}].measure: "${s.measure}" is not a measure id of the framework (GET /api/facilitation/framework)`);
      });
      const keys = body.statuses.map((s) => `${s.iso3}|${s.round}|${s.measure}`);
      if (new Set(keys).size !== keys.length) errors.push('statuses: the same economy, round and measure appears twice');
      if (errors.length) throw new ApiError(400, `Bad body: ${errors.join('; ')}`, errors);
      const who = { actor, at: api.ctx.clock().toISOString() };
      let written = 0;
      let deleted = 0;
      await db.transaction().execute(async (tx) => {
        for (const s of body.statuses) {
          const before = await getStatus(tx, s.iso3, s.round, s.measure);
          const id = `${s.iso3}/${s.round}/${s.measure}`;
          if (s.status === null) {
            if (!before) continue;
            await deleteStatus(tx, s.iso3, s.round, s.measure);
            await writeAudit(tx, who, { action: 'delete', entity: 'tf_statuses', entityId: id, before, after: null });
            deleted++;
            continue;
          }
          const after = await writeStatusEntry(tx, { ...s, status: s.status }, who);
          await writeAudit(tx, who, { action: before ? 'update' : 'create', entity: 'tf_statuses', entityId: id, before, after: { ...after, note: s.note ?? null } });
          written++;
        }
      });
      return { written, deleted };
    },
  });
}
