import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/principal.js';
import type { Api, Env } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown } from '../../platform/http/grammar.js';
import { linkStatuses, recordLinkChecks } from '../../platform/links.js';
import { GROUPS, groupMembers, iso3Param, listCountries, type Country } from '../countries/index.js';
import { classify, gapsOf, matrixCounts, maturity, placeTerms, presence, similarities, termTable } from './compute.js';
import {
  auditQuery,
  auditRow,
  gapRow,
  gapsQuery,
  matrixQuery,
  programmeFields,
  programmeId,
  programmePatch,
  programmeRow,
  programmesQuery,
  similarityRow,
  unplacedRow,
  vocabularyRow,
  type MatrixKind,
  type Programme,
} from './schema.js';
import { searchIds } from './search.js';
import {
  createProgramme,
  deleteProgramme,
  getProgramme,
  listProgrammes,
  programmeAudit,
  ProgrammeConflict,
  sourcesOf,
  updateProgramme,
  type StoredProgramme,
} from './store.js';
import { loadVocabulary } from './vocabulary.js';

// ---------------------------------------------------------------- reading

/** Stored programmes with their place in the vocabulary and the last check of their own URL. */
export async function programmesOf(db: Kysely<any>, f: { economies?: string[]; ids?: string[] } = {}): Promise<Programme[]> {
  const { vocab, mapping } = loadVocabulary();
  const stored = await listProgrammes(db, f);
  const links = await linkStatuses(db, stored.map((p) => p.url));
  return stored.map((p) => toProgramme(p, vocab, mapping, links.get(p.url ?? '')));
}

function toProgramme(p: StoredProgramme, vocab: ReturnType<typeof loadVocabulary>['vocab'], mapping: ReturnType<typeof loadVocabulary>['mapping'], link?: { status: number | null; ok: boolean; checked_at: string }): Programme {
  const c = classify(p, vocab, mapping);
  return {
    id: p.id,
    iso3: p.iso3,
    programme: p.programme,
    programme_en: p.programme_en,
    agency: p.agency,
    year_started: p.year_started,
    type_text: p.type_text,
    target_text: p.target_text,
    types: c.types,
    targets: c.targets,
    areas: c.areas,
    unplaced_types: c.unplaced_types,
    unplaced_targets: c.unplaced_targets,
    cross_border: p.cross_border,
    border_scope: c.border_scope,
    ecommerce_focus: p.ecommerce_focus,
    goods_scope: (p.goods_scope as Programme['goods_scope']) ?? null,
    stage: (p.stage as Programme['stage']) ?? null,
    description: p.description,
    url: p.url,
    url_status: link?.status ?? null,
    url_ok: link ? link.ok : null,
    url_checked_at: link?.checked_at ?? null,
    source_url: p.source_url,
    source_type: p.source_type,
    as_of: p.as_of,
    trust: (p.trust as Programme['trust']) ?? null,
    source_id: p.source_id,
    updated_at: p.updated_at,
  };
}

export interface ProgrammeFilter {
  economies?: string[];
  types?: string[];
  targets?: string[];
  areas?: string[];
  border?: string;
  ecommerce?: string;
  q?: string;
}

/** Programmes by economy, type, target, area, scope, e-commerce focus and words (any of each list). */
export async function findProgrammes(db: Kysely<any>, f: ProgrammeFilter): Promise<Programme[]> {
  let rows = await programmesOf(db, { economies: f.economies });
  const any = (have: string[], want?: string[]) => !want?.length || want.some((w) => have.includes(w));
  rows = rows.filter(
    (p) =>
      any(p.types, f.types) &&
      any(p.targets, f.targets) &&
      any(p.areas, f.areas) &&
      (!f.border || p.border_scope === f.border) &&
      (!f.ecommerce || (p.ecommerce_focus ?? 'unknown') === f.ecommerce),
  );
  if (!f.q) return rows;
  const { vocab } = loadVocabulary();
  const label = (list: { code: string; en: string; es: string }[], codes: string[]) =>
    codes.flatMap((c) => {
      const x = list.find((l) => l.code === c);
      return x ? [x.en, x.es] : [];
    });
  const countries = new Map((await listCountries(db)).map((c) => [c.iso3, c]));
  const docs = rows.map((p) => ({
    id: p.id,
    text: {
      programme: p.programme,
      programme_en: p.programme_en ?? '',
      agency: p.agency ?? '',
      description: p.description ?? '',
      type_text: p.type_text ?? '',
      target_text: p.target_text ?? '',
      labels: [...label(vocab.types, p.types), ...label(vocab.targets, p.targets), ...label(vocab.areas, p.areas)].join(' '),
      economy: [countries.get(p.iso3)?.name_en, countries.get(p.iso3)?.name_es, p.iso3].filter(Boolean).join(' '),
    },
  }));
  const order = searchIds(docs, f.q);
  const byId = new Map(rows.map((p) => [p.id, p]));
  return order.map((id) => byId.get(id)!).filter(Boolean);
}

/** The codes of one kind, in vocabulary order. */
function codesOf(kind: MatrixKind): string[] {
  const { vocab } = loadVocabulary();
  return (kind === 'type' ? vocab.types : vocab.targets).map((c) => c.code);
}

export interface PeerGroup {
  /** What the peers are, for titles: "FEALAC", "Pacific Alliance", "Latin America", "chosen list". */
  label: string;
  peers: string[];
}

/** The peers of `home` (never home itself): FEALAC, its region, a sub-regional group, or a chosen list. */
export async function resolvePeers(db: Kysely<any>, home: string | undefined, peers: string | undefined, list: string[] | undefined): Promise<PeerGroup> {
  const countries = await listCountries(db);
  const all = countries.map((c) => c.iso3);
  const choice = peers ?? (list?.length ? 'list' : 'fealac');
  let group: PeerGroup;
  if (choice === 'fealac') group = { label: 'FEALAC', peers: all };
  else if (choice === 'region') {
    const mine = countries.find((c) => c.iso3 === home);
    if (!mine) throw new ApiError(400, 'peers=region needs the home economy (economy=, or the path\'s economy)');
    group = { label: mine.fealac_region, peers: countries.filter((c) => c.fealac_region === mine.fealac_region).map((c) => c.iso3) };
  } else if (choice === 'list') {
    if (!list?.length) throw new ApiError(400, 'peers=list needs country= (e.g. country=CHL~COL~MEX)');
    checkKnown('country', list, all, { what: 'FEALAC economy' });
    group = { label: 'chosen list', peers: list };
  } else {
    checkKnown('peers', choice, ['fealac', 'region', 'list', ...GROUPS.map((g) => g.code)], { what: 'peer group (fealac, region, list or a sub-regional group code); no income group is held' });
    const g = GROUPS.find((x) => x.code === choice)!;
    group = { label: g.name_en, peers: await groupMembers(db, [choice]) };
  }
  if (choice !== 'list' && list?.length) throw new ApiError(400, `country= is only read with peers=list (peers is "${choice}")`);
  return { label: group.label, peers: group.peers.filter((p) => p !== home) };
}

async function checkEconomy(db: Kysely<any>, iso3: string, param?: string): Promise<Country> {
  const countries = await listCountries(db);
  const c = countries.find((x) => x.iso3 === iso3);
  if (c) return c;
  if (param) checkKnown(param, iso3, countries.map((x) => x.iso3), { what: 'FEALAC economy' });
  throw new ApiError(404, `${iso3} is not one of the 36 FEALAC economies`);
}

/** Programmes aimed at any of `targets` (all when none is given). */
function aimedAt(rows: Programme[], targets?: string[]): Programme[] {
  return targets?.length ? rows.filter((p) => targets.some((t) => p.targets.includes(t))) : rows;
}

// ---------------------------------------------------------------- writes


function parseOrThrow<S extends z.ZodTypeAny>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new ApiError(400, `Bad ${where}: ${errors.join('; ')}`, errors);
}

// ---------------------------------------------------------------- routes

export function supportRoutes(api: Api): void {
  const { vocab } = loadVocabulary();
  const tag = 'support';

  api.data({
    path: '/api/support/vocabulary',
    tag,
    summary: 'The controlled vocabulary of support measures: policy areas, instrument types, targets, scopes, policy-cycle stages',
    description: `Versioned data carried by the product (vocabulary ${vocab.version}); \`programmes\` counts the programmes placed under each code. Area, type and target names in the other languages of the app are in its translation files.`,
    row: vocabularyRow,
    fields: { version: z.string(), mapping_version: z.string(), mapping_note: z.string() },
    async handler({ ctx }) {
      const { mapping } = loadVocabulary();
      const rows = await programmesOf(ctx.db.kysely);
      const count = (pick: (p: Programme) => (string | null)[], code: string) => rows.filter((p) => pick(p).includes(code)).length;
      const out = [
        ...vocab.areas.map((a) => ({ kind: 'area', code: a.code, name_en: a.en, name_es: a.es, areas: [], programmes: count((p) => p.areas, a.code) })),
        ...vocab.types.map((t) => ({ kind: 'type', code: t.code, name_en: t.en, name_es: t.es, areas: t.areas, programmes: count((p) => p.types, t.code) })),
        ...vocab.targets.map((t) => ({ kind: 'target', code: t.code, name_en: t.en, name_es: t.es, areas: [], programmes: count((p) => p.targets, t.code) })),
        ...vocab.border_scopes.map((b) => ({ kind: 'border_scope', code: b.code, name_en: b.en, name_es: b.es, areas: [], programmes: count((p) => [p.border_scope], b.code) })),
        ...vocab.goods_scopes.map((b) => ({ kind: 'goods_scope', code: b.code, name_en: b.en, name_es: b.es, areas: [], programmes: count((p) => [p.goods_scope], b.code) })),
        ...vocab.stages.map((s) => ({ kind: 'stage', code: s.code, name_en: s.en, name_es: s.es, areas: [], programmes: count((p) => [p.stage], s.code) })),
      ];
      return { rows: out, fields: { version: vocab.version, mapping_version: mapping.version, mapping_note: mapping.reviewed.note }, title: 'Support measures: controlled vocabulary' };
    },
  });

  api.data({
    path: '/api/support/programmes',
    tag,
    summary: 'MSME support programmes: by economy, type, target, policy area, scope and e-commerce focus; full-text search',
    description:
      'Each programme with agency, start year, description, links, source and trust grade; the type and target text as the source wrote it beside the vocabulary codes the reviewed mapping gives, and the terms it cannot place. ' +
      'Filters `economy=PER~CHL`, `type=training~financing`, `target=women`, `area=skills`, `border=cross_border`, `ecommerce=yes`, `q=` (words in English or Spanish; accents ignored; best match first). `url_ok` = false is a link the last `puente check links` found broken.',
    query: programmesQuery,
    row: programmeRow,
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      if (query.economy) checkKnown('economy', query.economy, (await listCountries(db)).map((c) => c.iso3), { what: 'FEALAC economy' });
      checkKnown('type', query.type, codesOf('type'), { what: 'instrument type' });
      checkKnown('target', query.target, codesOf('target'), { what: 'target' });
      checkKnown('area', query.area, vocab.areas.map((a) => a.code), { what: 'policy area' });
      const rows = await findProgrammes(db, { economies: query.economy, types: query.type, targets: query.target, areas: query.area, border: query.border, ecommerce: query.ecommerce, q: query.q });
      return { rows, sources: await sourcesOf(db, rows.map((r) => r.source_id)), title: 'MSME support programmes' };
    },
  });

  api.data({
    path: '/api/support/programmes/{id}',
    tag,
    summary: 'One support programme',
    params: z.object({ id: programmeId }),
    row: programmeRow,
    fields: { programme: programmeRow },
    async handler({ params, ctx }) {
      const [programme] = await programmesOf(ctx.db.kysely, { ids: [params.id] });
      if (!programme) throw new ApiError(404, `No programme "${params.id}"`);
      return { rows: [programme], fields: { programme }, sources: await sourcesOf(ctx.db.kysely, [programme.source_id]), title: programme.programme_en ?? programme.programme };
    },
  });

  api.data({
    path: '/api/support/unplaced',
    tag,
    summary: 'Free-text terms the reviewed mapping cannot place on the vocabulary (listed, not guessed)',
    description: '`reviewed`: the mapping file says no code fits; `not_in_mapping`: text nobody has reviewed yet (a new import or an edit).',
    row: unplacedRow,
    async handler({ ctx }) {
      const { mapping } = loadVocabulary();
      const rows = await programmesOf(ctx.db.kysely);
      const tables = { type: termTable('types', vocab, mapping), target: termTable('targets', vocab, mapping) };
      const out = new Map<string, z.infer<typeof unplacedRow>>();
      for (const p of rows) {
        for (const [kind, textOf, table] of [
          ['type', p.type_text, tables.type],
          ['target', p.target_text, tables.target],
        ] as const) {
          for (const u of placeTerms(textOf, table).unplaced) {
            const key = `${kind}\u0000${u.term}`;
            const cur = out.get(key) ?? { kind, term: u.term, reason: u.reason, programmes: 0, ids: [] };
            cur.programmes++;
            cur.ids.push(p.id);
            out.set(key, cur);
          }
        }
      }
      return { rows: [...out.values()].sort((a, b) => a.kind.localeCompare(b.kind) || b.programmes - a.programmes || a.term.localeCompare(b.term)), title: 'Support measures: terms the mapping cannot place' };
    },
  });

  for (const kind of ['type', 'target'] as const) {
    const codes = codesOf(kind);
    const row = z.object({
      iso3: z.string(),
      name_en: z.string(),
      role: z.enum(['home', 'peer']).describe('home = the economy compared; peer = one of its peers'),
      programmes: z.number().int().describe('Programmes recorded (after the target filter)'),
      ...Object.fromEntries(codes.map((c) => [c, z.number().int().describe(`Programmes of ${kind} "${c}" (0 = none recorded in the inventory)`)])),
    });
    api.data({
      path: `/api/support/matrix/${kind}s`,
      tag,
      summary: `Presence matrix economy × ${kind}: programmes per cell, over a peer group`,
      description:
        `Rows: the home economy (\`economy=\`, optional) and its peers (\`peers=fealac|region|<group>|list\` with \`country=\` for a chosen list). A 0 is "none recorded in the inventory", not proof that none exists. ` +
        'No income-group peers are offered: no open, sourced income classification is held. `target=` counts only programmes aimed at those targets.',
      query: matrixQuery.omit({ by: true }).extend({ target: gapsQuery.shape.target }),
      row,
      fields: {
        codes: z.array(z.string()),
        peer_group: z.string(),
        peers: z.array(z.string()),
        ...(kind === 'type' ? { maturity: z.record(z.string(), z.record(z.string(), z.string().nullable())).describe('Per economy, per type present: the highest policy-cycle stage reached by its programmes; empty = no stage stated') } : {}),
      },
      async handler({ query, ctx }) {
        const db = ctx.db.kysely;
        if (query.economy) await checkEconomy(db, query.economy, 'economy');
        checkKnown('target', query.target, codesOf('target'), { what: 'target' });
        const group = await resolvePeers(db, query.economy, query.peers, query.country);
        const economies = [...(query.economy ? [query.economy] : []), ...group.peers];
        const all = aimedAt(await programmesOf(db, { economies }), query.target);
        const counts = matrixCounts(all, economies, codes, kind);
        const names = new Map((await listCountries(db)).map((c) => [c.iso3, c.name_en]));
        const rows = economies.map((e) => ({
          iso3: e,
          name_en: names.get(e) ?? e,
          role: e === query.economy ? 'home' : 'peer',
          programmes: all.filter((p) => p.iso3 === e).length,
          ...Object.fromEntries(counts.get(e)!),
        }));
        return {
          rows,
          fields: {
            codes,
            peer_group: group.label,
            peers: group.peers,
            ...(kind === 'type' ? { maturity: Object.fromEntries(economies.map((e) => [e, Object.fromEntries(maturity(all.filter((p) => p.iso3 === e), vocab.stages))])) } : {}),
          },
          sources: await sourcesOf(db, all.map((p) => p.source_id)),
          title: `Support programmes by ${kind}: ${query.economy ? `${query.economy} and ` : ''}${group.label}`,
        };
      },
    });
  }

  const gapFields = {
    economy: z.string(),
    peer_group: z.string(),
    peers: z.array(z.string()),
    k: z.number().int().describe('A code is a gap when at least k peers have it'),
    by: z.string(),
    target: z.array(z.string()).describe('Only programmes aimed at these targets were counted (empty = all)'),
    home_codes: z.array(z.string()).describe('Codes present at home'),
    home_programmes: z.number().int(),
  };

  async function gapSetup(db: Kysely<any>, iso3: string, query: z.infer<typeof gapsQuery>) {
    await checkEconomy(db, iso3);
    checkKnown('target', query.target, codesOf('target'), { what: 'target' });
    const group = await resolvePeers(db, iso3, query.peers, query.country);
    const kind: MatrixKind = query.by ?? 'type';
    const all = aimedAt(await programmesOf(db, { economies: [iso3, ...group.peers] }), query.target);
    return { group, kind, all, present: presence(all, kind) };
  }

  api.data({
    path: '/api/support/gaps/{iso3}',
    tag,
    summary: 'Gaps of an economy: the types (or targets) present in at least k of its peers and absent at home, with the peers that have them',
    description:
      '`peers=fealac|region|<group>|list` (+ `country=`), `k=` (default PUENTE_SUPPORT_GAP_K), `by=type|target`, `target=women~first_time_exporters~digital_exporters` to ask "what do my peers offer these firms that we do not?". ' +
      '"Absent" means not recorded in the inventory, not proven absent.',
    params: iso3Param,
    query: gapsQuery,
    row: gapRow,
    fields: gapFields,
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const k = query.k ?? ctx.config.PUENTE_SUPPORT_GAP_K;
      const { group, kind, all, present } = await gapSetup(db, params.iso3, query);
      if (k > Math.max(1, group.peers.length)) throw new ApiError(400, `k: ${k} is more than the ${group.peers.length} peers of ${group.label}`);
      const rows = gapsOf(params.iso3, group.peers, present, k).map((g) => {
        const theirs = all.filter((p) => g.peers.includes(p.iso3) && (kind === 'type' ? p.types : p.targets).includes(g.code));
        return {
          code: g.code,
          kind,
          peers_with: g.peers.length,
          peers_total: group.peers.length,
          peers: g.peers,
          programme_ids: theirs.map((p) => p.id),
          programme_names: theirs.map((p) => p.programme_en ?? p.programme),
        };
      });
      const home = all.filter((p) => p.iso3 === params.iso3);
      return {
        rows,
        fields: { economy: params.iso3, peer_group: group.label, peers: group.peers, k, by: kind, target: query.target ?? [], home_codes: [...(present.get(params.iso3) ?? [])].sort(), home_programmes: home.length },
        sources: await sourcesOf(db, all.map((p) => p.source_id)),
        title: `Support gaps of ${params.iso3} against ${group.label} (k = ${k})`,
      };
    },
  });

  api.data({
    path: '/api/support/similarity/{iso3}',
    tag,
    summary: 'Peer similarity: Jaccard index of the type (or target) sets of an economy and each peer',
    description: 'Most similar first; empty when neither has a placed programme (nothing to compare). Same peer parameters as the gaps.',
    params: iso3Param,
    query: gapsQuery.omit({ k: true }),
    row: similarityRow,
    fields: { economy: z.string(), peer_group: z.string(), by: z.string() },
    async handler({ params, query, ctx }) {
      const db = ctx.db.kysely;
      const { group, kind, all, present } = await gapSetup(db, params.iso3, query);
      return {
        rows: similarities(params.iso3, group.peers, present),
        fields: { economy: params.iso3, peer_group: group.label, by: kind },
        sources: await sourcesOf(db, all.map((p) => p.source_id)),
        title: `Support peer similarity of ${params.iso3} (${group.label})`,
      };
    },
  });

  api.data({
    path: '/api/support/audit',
    tag,
    summary: 'Audit log of every edit to support programmes (who, when, before, after)',
    description: 'Newest first. Filter `entity_id=` (a programme id).',
    query: auditQuery,
    row: auditRow,
    async handler({ query, ctx }) {
      return { rows: await programmeAudit(ctx.db.kysely, query.entity_id), title: 'Support programmes: audit log' };
    },
  });

  // ---------------------------------------------------------------- writes
  const writeDoc = 'Needs `Authorization: Bearer <PUENTE_EDITOR_TOKEN>` (403 when the setting is unset); `X-Puente-Actor` names who writes (default "token"). Recorded in the audit log.';
  const stored = z.object({ id: z.string() }).passthrough();

  const linkCheck = z
    .object({
      url: z.string().url().max(2000),
      status: z.number().int().min(100).max(599).nullable(),
      ok: z.boolean(),
      final_url: z.string().max(2000).nullable(),
      error: z.string().max(500).nullable(),
      checked_at: z.string().datetime(),
    })
    .strict();

  api.json({
    method: 'post',
    path: '/api/support/link-checks',
    tag,
    summary: 'Record link-check results (what `puente check links` sends when a server owns the database)',
    description: 'Admin token. Each result replaces the last one of its URL; pages then show a broken link as broken.',
    body: z.object({ checks: z.array(linkCheck).min(1).max(50_000) }).strict(),
    auth: 'admin',
    bodySize: 'bulk',
    response: z.object({ ok: z.literal(true), recorded: z.number().int() }),
    async handler(_c, body) {
      await recordLinkChecks(api.ctx.db.kysely, body.checks);
      return { recorded: body.checks.length };
    },
  });

  api.json({
    method: 'post',
    path: '/api/support/programmes',
    tag,
    summary: 'Create a support programme (the text as read: type and target are placed by the reviewed mapping)',
    description: `${writeDoc} 409 when the economy already has a programme of that name.`,
    body: programmeFields,
    auth: 'editor',
    response: z.object({ ok: z.literal(true), programme: stored }),
    async handler(c, body) {
      const db = api.ctx.db.kysely;
      await checkEconomy(db, body.iso3, 'iso3');
      try {
        return { programme: await createProgramme(db, body, { actor: actorOf(c), at: api.ctx.clock().toISOString() }) };
      } catch (err) {
        if (err instanceof ProgrammeConflict) throw new ApiError(409, err.message);
        throw err;
      }
    },
  });

  api.json({
    method: 'post',
    path: '/api/support/programmes/{id}',
    tag,
    summary: 'Correct a support programme (the fields given)',
    description: writeDoc,
    params: z.object({ id: programmeId }),
    body: programmePatch,
    auth: 'editor',
    response: z.object({ ok: z.literal(true), programme: stored }),
    async handler(c, body) {
      const id = parseOrThrow(programmeId, c.req.param('id'), 'path');
      const programme = await updateProgramme(api.ctx.db.kysely, id, body, { actor: actorOf(c), at: api.ctx.clock().toISOString() });
      if (!programme) throw new ApiError(404, `No programme "${id}"`);
      return { programme };
    },
  });

  api.json({
    method: 'post',
    path: '/api/support/programmes/{id}/delete',
    tag,
    summary: 'Delete a support programme (the audit log keeps what it was)',
    description: writeDoc,
    params: z.object({ id: programmeId }),
    auth: 'editor',
    response: z.object({ ok: z.literal(true), deleted: stored }),
    async handler(c) {
      const id = parseOrThrow(programmeId, c.req.param('id'), 'path');
      const deleted = await deleteProgramme(api.ctx.db.kysely, id, { actor: actorOf(c), at: api.ctx.clock().toISOString() });
      if (!deleted) throw new ApiError(404, `No programme "${id}"`);
      return { deleted };
    },
  });
}

