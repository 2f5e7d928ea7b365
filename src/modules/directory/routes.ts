import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/principal.js';
import type { Api, Env } from '../../platform/http/api.js';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown } from '../../platform/http/grammar.js';
import { linkStatuses } from '../../platform/links.js';
import { listCountries } from '../countries/index.js';
import { loadChanges } from './changes.js';
import { changeOf, coverage } from './compute.js';
import { auditQuery, entriesQuery, entryFields, entryId, entryPatch, entryRow, ROLE_CODES, ROLES, roleRow, type Entry } from './schema.js';
import { createEntry, deleteEntry, entryAudit, EntryConflict, listEntries, sourcesOf, updateEntry, type StoredEntry } from './store.js';
import { toVcards } from './vcard.js';

/** Stored entries with their known change and the last check of their official URL. */
export async function entriesOf(db: Kysely<any>, f: { economies?: string[]; roles?: string[]; ids?: string[] } = {}): Promise<Entry[]> {
  const { changes } = loadChanges();
  const stored = await listEntries(db, f);
  const links = await linkStatuses(db, stored.map((e) => e.official_url));
  return stored.map((e) => toEntry(e, changes, links.get(e.official_url ?? '')));
}

function toEntry(e: StoredEntry, changes: ReturnType<typeof loadChanges>['changes'], link?: { status: number | null; ok: boolean; checked_at: string }): Entry {
  const change = changeOf(e, changes);
  return {
    id: e.id,
    iso3: e.iso3,
    role: e.role,
    name_local: e.name_local,
    name_en: e.name_en,
    official_url: e.official_url,
    url_evidence: e.url_evidence,
    url_status: link?.status ?? null,
    url_ok: link ? link.ok : null,
    url_checked_at: link?.checked_at ?? null,
    source_url: e.source_url,
    source_type: e.source_type,
    as_of: e.as_of,
    trust: (e.trust as Entry['trust']) ?? null,
    to_verify: e.to_verify,
    note: e.note,
    change_kind: change?.kind ?? null,
    change_year: change?.year ?? null,
    change_note: change?.note_en ?? null,
    change_note_es: change?.note_es ?? null,
    source_id: e.source_id,
    updated_at: e.updated_at,
  };
}

/** An economy's contacts for the given roles (all roles when none is given), in role order. */
export async function contactsOf(db: Kysely<any>, iso3: string, roles?: string[]): Promise<Entry[]> {
  const rows = await entriesOf(db, { economies: [iso3], roles });
  const order = new Map(ROLE_CODES.map((r, i) => [r, i]));
  return rows.sort((a, b) => (order.get(a.role) ?? 99) - (order.get(b.role) ?? 99));
}


async function checkFilters(db: Kysely<any>, query: z.infer<typeof entriesQuery>) {
  if (query.economy) checkKnown('economy', query.economy, (await listCountries(db)).map((c) => c.iso3), { what: 'FEALAC economy' });
  checkKnown('role', query.role, ROLE_CODES, { what: 'role' });
}

export function directoryRoutes(api: Api): void {
  const tag = 'directory';

  api.data({
    path: '/api/directory/roles',
    tag,
    summary: 'Roles of the directory, with how many economies have an entry for each',
    row: roleRow,
    async handler({ ctx }) {
      const rows = await listEntries(ctx.db.kysely);
      return {
        rows: ROLES.map((r) => ({ code: r.code, core: r.core, economies: new Set(rows.filter((e) => e.role === r.code).map((e) => e.iso3)).size, entries: rows.filter((e) => e.role === r.code).length })),
        title: 'Directory roles',
      };
    },
  });

  api.data({
    path: '/api/directory/entries',
    tag,
    summary: 'Directory of public bodies: per economy and role, names in the local language and English, official URL (only where seen), source, trust, as-of date',
    description:
      '`to_verify` = true where one detail was not read on the cited page; `change_kind`/`change_note` give a known change (renamed, successor, dissolved, abolished) after the source\'s date: such rows are shown with it, never dropped. `url_ok` = false is a link the last `puente check links` found broken. Filters `economy=`, `role=`, `verify=yes`.',
    query: entriesQuery,
    row: entryRow,
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      await checkFilters(db, query);
      let rows = await entriesOf(db, { economies: query.economy, roles: query.role });
      if (query.verify) rows = rows.filter((r) => r.to_verify === (query.verify === 'yes'));
      return { rows, sources: await sourcesOf(db, rows.map((r) => r.source_id)), title: 'Directory of public bodies' };
    },
  });

  api.data({
    path: '/api/directory/entries/{id}',
    tag,
    summary: 'One directory entry',
    params: z.object({ id: entryId }),
    row: entryRow,
    fields: { entry: entryRow },
    async handler({ params, ctx }) {
      const [entry] = await entriesOf(ctx.db.kysely, { ids: [params.id] });
      if (!entry) throw new ApiError(404, `No directory entry "${params.id}"`);
      return { rows: [entry], fields: { entry }, sources: await sourcesOf(ctx.db.kysely, [entry.source_id]), title: entry.name_en ?? entry.name_local };
    },
  });

  const coverageRow = z.object({
    iso3: z.string(),
    name_en: z.string(),
    roles_covered: z.number().int().describe('Roles with at least one entry'),
    core_missing: z.array(z.string()).describe('Core roles (expected everywhere) with no entry'),
    ...Object.fromEntries(ROLE_CODES.map((r) => [r, z.number().int().describe(`Entries for ${r} (0 = none recorded)`)])),
  });

  api.data({
    path: '/api/directory/coverage',
    tag,
    summary: 'Coverage matrix: the 36 economies × role, entries per cell (0 = a gap: none recorded)',
    description: 'Filter `economy=`.',
    query: entriesQuery.pick({ economy: true }),
    row: coverageRow,
    fields: { roles: z.array(z.string()) },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      const countries = await listCountries(db);
      if (query.economy) checkKnown('economy', query.economy, countries.map((c) => c.iso3), { what: 'FEALAC economy' });
      const economies = (query.economy ?? countries.map((c) => c.iso3)).slice().sort();
      const stored = await listEntries(db, { economies });
      const cells = coverage(stored, economies, ROLE_CODES);
      const names = new Map(countries.map((c) => [c.iso3, c.name_en]));
      const rows = economies.map((e) => {
        const cell = cells.get(e)!;
        return {
          iso3: e,
          name_en: names.get(e) ?? e,
          roles_covered: [...cell.values()].filter((n) => n > 0).length,
          core_missing: ROLES.filter((r) => r.core && !cell.get(r.code)).map((r) => r.code),
          ...Object.fromEntries(cell),
        };
      });
      return { rows, fields: { roles: ROLE_CODES }, sources: await sourcesOf(db, stored.map((s) => s.source_id)), title: 'Directory coverage: economy × role' };
    },
  });

  api.json({
    method: 'get',
    path: '/api/directory/vcard',
    tag,
    summary: 'The directory entries as vCard 4.0 (RFC 6350) text, with the same filters as /api/directory/entries',
    description: '`vcard` holds one card per body (save it as a .vcf file); each card notes the economy, role, source, trust, "to be verified", a known change and a broken link. Query `economy=`, `role=`, `verify=`.',
    response: z.object({ ok: z.literal(true), count: z.number().int(), filename: z.string(), vcard: z.string() }),
    async handler(c) {
      const db = api.ctx.db.kysely;
      const url = new URL(c.req.url);
      const parsed = entriesQuery.strict().safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown query parameter ${i.keys.join(', ')}` : `${i.path.join('.')}: ${i.message}`));
        throw new ApiError(400, `Bad query: ${errors.join('; ')}`, errors);
      }
      const query = parsed.data;
      await checkFilters(db, query);
      let rows = await entriesOf(db, { economies: query.economy, roles: query.role });
      if (query.verify) rows = rows.filter((r) => r.to_verify === (query.verify === 'yes'));
      const names = new Map((await listCountries(db)).map((x) => [x.iso3, x.name_en]));
      const scope = query.economy?.length === 1 ? query.economy[0].toLowerCase() : 'all';
      return { count: rows.length, filename: `puente-directory-${scope}.vcf`, vcard: rows.length ? toVcards(rows, (i) => names.get(i) ?? i) + '\r\n' : '' };
    },
  });

  api.data({
    path: '/api/directory/audit',
    tag,
    summary: 'Audit log of every edit to directory entries (who, when, before, after)',
    query: auditQuery,
    row: z.object({ id: z.string(), at: z.string(), actor: z.string(), action: z.string(), entity: z.string(), entity_id: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
    async handler({ query, ctx }) {
      return { rows: await entryAudit(ctx.db.kysely, query.entity_id), title: 'Directory: audit log' };
    },
  });

  const writeDoc = 'Needs `Authorization: Bearer <PUENTE_EDITOR_TOKEN>` (403 when the setting is unset); `X-Puente-Actor` names who writes (default "token"). Recorded in the audit log.';
  const stored = z.object({ id: z.string() }).passthrough();
  const idParam = z.object({ id: entryId });
  const who = (c: Context<Env>) => ({ actor: actorOf(c), at: api.ctx.clock().toISOString() });

  api.json({
    method: 'post',
    path: '/api/directory/entries',
    tag,
    summary: 'Add a directory entry',
    description: `${writeDoc} 409 when the same body, role and source is listed.`,
    body: entryFields,
    auth: 'editor',
    response: z.object({ ok: z.literal(true), entry: stored }),
    async handler(c, body) {
      const db = api.ctx.db.kysely;
      checkKnown('iso3', body.iso3, (await listCountries(db)).map((x) => x.iso3), { what: 'FEALAC economy' });
      try {
        return { entry: await createEntry(db, body, who(c)) };
      } catch (err) {
        if (err instanceof EntryConflict) throw new ApiError(409, err.message);
        throw err;
      }
    },
  });

  api.json({
    method: 'post',
    path: '/api/directory/entries/{id}',
    tag,
    summary: 'Correct a directory entry (the fields given), e.g. an agency correcting its own entry',
    description: writeDoc,
    params: idParam,
    body: entryPatch,
    auth: 'editor',
    response: z.object({ ok: z.literal(true), entry: stored }),
    async handler(c, body) {
      const entry = await updateEntry(api.ctx.db.kysely, c.req.param('id')!, body, who(c));
      if (!entry) throw new ApiError(404, `No directory entry "${c.req.param('id')}"`);
      return { entry };
    },
  });

  api.json({
    method: 'post',
    path: '/api/directory/entries/{id}/delete',
    tag,
    summary: 'Delete a directory entry (the audit log keeps what it was)',
    description: writeDoc,
    params: idParam,
    auth: 'editor',
    response: z.object({ ok: z.literal(true), deleted: stored }),
    async handler(c) {
      const deleted = await deleteEntry(api.ctx.db.kysely, c.req.param('id')!, who(c));
      if (!deleted) throw new ApiError(404, `No directory entry "${c.req.param('id')}"`);
      return { deleted };
    },
  });
}
