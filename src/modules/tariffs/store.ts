import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { bulkCopyOf } from '../../platform/db/index.js';
import { insertBatches } from '../../platform/ingest/run.js';
import type { SourceRow } from '../../platform/http/api.js';
import type { LineRow, Rates } from './compute.js';

// The tariffs module's SQL, and nothing else has it.

export interface StoredEdition {
  id: string;
  destination: string;
  edition: string;
  publisher: string;
  url: string;
  licence: string;
  source_id: string;
  imported_at: string;
}

export interface StoredLine extends Omit<LineRow, 'rates' | 'inherited'> {
  edition_id: string;
  rates: Rates;
  inherited: Record<string, string>;
}

export async function writeEdition(tx: Kysely<any>, e: StoredEdition): Promise<void> {
  await insertBatches(tx, 'tariff_editions', [{ ...e }], { columns: ['id'], update: ['destination', 'edition', 'publisher', 'url', 'licence', 'source_id', 'imported_at'] });
}

/** Replaces the lines of one chapter of an edition (a re-import of the same file writes the same rows). */
export async function writeChapter(tx: Kysely<any>, editionId: string, chapter: string, rows: LineRow[], engine?: string): Promise<number> {
  await tx.deleteFrom('tariff_lines').where('edition_id', '=', editionId).where('chapter', '=', chapter).execute();
  const records = rows.map((r) => ({ edition_id: editionId, chapter, seq: r.seq, code: r.code, hs6: r.hs6, level: r.level, description: r.description, rates: JSON.stringify(r.rates), inherited: JSON.stringify(r.inherited), leaf: r.leaf, unit: r.unit, law: r.law }));
  // The chapter's rows were deleted above: plain inserts (PostgreSQL bulk transactions take COPY).
  if (bulkCopyOf(tx)) await insertBatches(tx, 'tariff_lines', records, { columns: ['edition_id', 'chapter', 'seq'], update: [] });
  else if (engine === 'duckdb') await insertByReadJson(tx, records);
  else for (let i = 0; i < records.length; i += 1000) await tx.insertInto('tariff_lines').values(records.slice(i, i + 1000)).execute();
  return rows.length;
}

const LINE_TYPES: Record<string, string> = { edition_id: 'VARCHAR', chapter: 'VARCHAR', seq: 'INTEGER', code: 'VARCHAR', hs6: 'VARCHAR', level: 'INTEGER', description: 'VARCHAR', rates: 'VARCHAR', inherited: 'VARCHAR', leaf: 'BOOLEAN', unit: 'VARCHAR', law: 'VARCHAR' };

// DuckDB binds many parameters slowly; it reads a file of the rows at once (DESIGN: bulk data goes
// through the engine's own readers). The file is the rows as JSON lines, in a private temp folder.
async function insertByReadJson(tx: Kysely<any>, records: Record<string, unknown>[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'puente-tariffs-'));
  try {
    const file = join(dir, 'lines.ndjson');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
    const cols = Object.keys(LINE_TYPES);
    const spec = `{${cols.map((c) => `'${c}': '${LINE_TYPES[c]}'`).join(', ')}}`;
    await sql`insert into tariff_lines (${sql.raw(cols.join(', '))}) select ${sql.raw(cols.join(', '))} from read_json(${sql.lit(file)}, format = 'newline_delimited', columns = ${sql.raw(spec)})`.execute(tx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function writeLinks(tx: Kysely<any>, rows: { iso3: string; kind: string; url: string; note: string | null; source_id: string }[]): Promise<number> {
  await insertBatches(tx, 'tariff_links', rows, { columns: ['iso3', 'kind', 'url'], update: ['note', 'source_id'] });
  return rows.length;
}

export async function writeHsCodes(tx: Kysely<any>, rows: { code: string; description: string; level: number; source_id: string }[]): Promise<number> {
  await insertBatches(tx, 'tariff_hs_codes', rows, { columns: ['code'], update: ['description', 'level', 'source_id'] });
  return rows.length;
}

export async function listEditions(db: Kysely<any>, destination?: string): Promise<(StoredEdition & { lines: number; chapters: number })[]> {
  let q = db.selectFrom('tariff_editions').selectAll();
  if (destination) q = q.where('destination', '=', destination);
  const editions = (await q.orderBy('destination').orderBy('edition').execute()) as StoredEdition[];
  const counts = await db
    .selectFrom('tariff_lines')
    .select((eb) => ['edition_id', eb.fn.countAll().as('lines'), eb.fn.count(eb.ref('chapter')).distinct().as('chapters')])
    .groupBy('edition_id')
    .execute();
  const by = new Map(counts.map((c) => [c.edition_id as string, { lines: Number(c.lines), chapters: Number(c.chapters) }]));
  return editions.map((e) => ({ ...e, lines: by.get(e.id)?.lines ?? 0, chapters: by.get(e.id)?.chapters ?? 0 }));
}

/** The lines (not headings) of an edition under an HS code prefix, in the schedule's order; `limit + 1` rows at most. */
export async function linesUnder(db: Kysely<any>, editionId: string, hsPrefix: string, limit: number): Promise<StoredLine[]> {
  const rows = await db
    .selectFrom('tariff_lines')
    .selectAll()
    .where('edition_id', '=', editionId)
    .where('hs6', 'like', `${hsPrefix.slice(0, 6)}%`)
    .where('leaf', '=', true)
    .orderBy('chapter')
    .orderBy('seq')
    .limit(5000)
    .execute();
  // National digits beyond HS 6 narrow on the code itself (0901.21.000).
  const wanted = rows.filter((r) => (r.code as string).replace(/\./g, '').startsWith(hsPrefix));
  return wanted.slice(0, limit + 1).map((r) => ({
    edition_id: r.edition_id as string,
    chapter: r.chapter as string,
    seq: Number(r.seq),
    code: r.code as string,
    hs6: r.hs6 as string,
    level: Number(r.level),
    description: r.description as string,
    rates: JSON.parse(r.rates as string),
    inherited: JSON.parse(r.inherited as string),
    leaf: Boolean(r.leaf),
    unit: (r.unit as string | null) ?? null,
    law: (r.law as string | null) ?? null,
  }));
}

export async function hsDescriptions(db: Kysely<any>, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('tariff_hs_codes').select(['code', 'description']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code as string, r.description as string]));
}

export async function linksOf(db: Kysely<any>, iso3: string): Promise<{ iso3: string; kind: string; url: string; note: string | null; source_id: string }[]> {
  return (await db.selectFrom('tariff_links').selectAll().where('iso3', '=', iso3).orderBy('kind').orderBy('url').execute()) as never;
}

export async function tariffStats(db: Kysely<any>): Promise<Record<string, number>> {
  const n = await db.selectFrom('tariff_lines').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const e = await db.selectFrom('tariff_editions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return { tariff_lines: Number(n?.n ?? 0), tariff_editions: Number(e?.n ?? 0) };
}

const SOURCE_COLUMNS = ['id', 'publisher', 'title', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'] as const;

export async function sourcesOf(db: Kysely<any>, ids: (string | null | undefined)[]): Promise<SourceRow[]> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return [];
  const rows = (await db.selectFrom('sources').select(SOURCE_COLUMNS).where('id', 'in', unique).execute()) as SourceRow[];
  return rows.sort((a, b) => a.publisher.localeCompare(b.publisher) || a.id.localeCompare(b.id));
}
