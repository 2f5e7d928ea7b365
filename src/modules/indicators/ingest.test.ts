import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import type { Database } from '../../platform/db/index.js';
import { readCsv } from '../../platform/ingest/csv.js';
import { ImportError, type Issue } from '../../platform/ingest/report.js';
import { runImport, type ImportReport, type KnownFile } from '../../platform/ingest/run.js';
import { modules } from '../../modules.js';

// Real data is read in place from ../shared/data, never copied into the repository.
const INDICATORS_DIR = fileURLToPath(new URL('../../../../shared/data/indicators/', import.meta.url));
// The folder keeps growing: its value files are those with the values header, the rest are skipped.
const ALL_CSV = readdirSync(INDICATORS_DIR).filter((f) => f.endsWith('.csv')).sort().map((f) => join(INDICATORS_DIR, f));
const isValuesFile = (f: string) => ['iso3', 'indicator_code', 'year', 'value', 'license'].every((c) => readFileSync(f, 'utf8').split('\n', 1)[0].split(',').includes(c));
const FILES = ALL_CSV.filter(isValuesFile);
const OTHER_FILES = ALL_CSV.filter((f) => !isValuesFile(f));
const clock = () => new Date('2025-03-01T12:00:00Z');

const importers = modules.flatMap((m) => m.importers ?? []);
function load(db: Database, paths: string[], options: { dryRun?: boolean; now?: Date } = {}): Promise<ImportReport> {
  return runImport(db, importers, paths, {
    now: options.now ?? clock(),
    dryRun: options.dryRun,
    rebuild: async (tx, touched) => {
      for (const m of modules) if (touched.includes(m.name)) await m.rebuild?.(tx);
    },
  });
}

interface FileRow {
  iso3: string;
  indicator_code: string;
  year: string;
  value: string;
  source: string;
  source_url: string | null;
  license: string;
}

// The expected values come from the files themselves, read as text (no conversion in the way).
let fileRows: (FileRow & { file: string })[] = [];
beforeAll(async () => {
  for (const file of FILES) {
    const read = await readCsv<FileRow>(file, {
      columns: ['iso3', 'indicator_code', 'year', 'value', 'source', 'source_url', 'license'].map((name) => ({ name, type: 'text' as const, required: false })),
    });
    expect(read.issues).toEqual([]);
    fileRows.push(...read.rows.map((r) => ({ ...r, file })));
  }
});

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const tmp = mkdtempSync(join(tmpdir(), 'puente-indicators-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HEADER = 'iso3,indicator_code,indicator_name,year,value,source,source_url,license';
const NAME = '"Individuals using the Internet (% of population)"';
// A value the database does not hold yet: if the good file were written, the checksum would move.
const GOOD = `${HEADER}\nPER,IT.NET.USER.ZS,${NAME},2030,12.5,Test publisher,https://example.org/good.csv,CC-BY-4.0\n`;

let dirCount = 0;
/** A directory holding a good file and one bad file (named so it sorts after the good one). */
function dirWith(bad: string | Buffer): { dir: string; bad: string } {
  const dir = join(tmp, `case-${++dirCount}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'a-good.csv'), GOOD);
  writeFileSync(join(dir, 'b-bad.csv'), bad);
  return { dir, bad: join(dir, 'b-bad.csv') };
}

async function snapshot(db: Database | Kysely<any>) {
  const k = 'kysely' in db ? db.kysely : db;
  const count = async (table: string) => Number((await k.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  // A checksum of every value, computed by the engine itself (compared only with the same engine).
  const { rows } = await sql<{ n: number; checksum: string }>`
    select count(*) as n, md5(string_agg(
      indicator_code || '|' || iso3 || '|' || cast(year as varchar) || '|' || cast(value as varchar) || '|' || source_id,
      ',' order by indicator_code, iso3, year)) as checksum
    from indicator_values`.execute(k);
  return {
    indicator_values: Number(rows[0].n),
    indicators: await count('indicators'),
    sources: await count('sources'),
    indicator_year_stats: await count('indicator_year_stats'),
    import_runs: await count('import_runs'),
    checksum: rows[0].checksum,
  };
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  }
  throw new Error('the import did not fail');
}

const BAD_FILES: { name: string; content: string | Buffer; line: number; field: string; message: RegExp }[] = [
  {
    name: 'a wrong header (licence for license)',
    content: `${HEADER.replace('license', 'licence')}\nARG,IT.NET.USER.ZS,${NAME},2030,1,P,https://example.org,CC-BY-4.0\n`,
    line: 1,
    field: 'license',
    message: /missing column/,
  },
  {
    name: 'an unknown ISO code "XXX"',
    content: `${HEADER}\nARG,IT.NET.USER.ZS,${NAME},2030,1,P,,CC-BY-4.0\nXXX,IT.NET.USER.ZS,${NAME},2030,1,P,,CC-BY-4.0\n`,
    line: 3,
    field: 'iso3',
    message: /"XXX"/,
  },
  {
    name: 'an ISO code that is not a FEALAC member (USA)',
    content: `${HEADER}\nUSA,IT.NET.USER.ZS,${NAME},2030,1,P,,CC-BY-4.0\n`,
    line: 2,
    field: 'iso3',
    message: /"USA"/,
  },
  {
    name: 'a non-numeric value',
    content: `${HEADER}\nARG,IT.NET.USER.ZS,${NAME},2030,1,P,,CC-BY-4.0\nBRA,IT.NET.USER.ZS,${NAME},2030,n/a,P,,CC-BY-4.0\n`,
    line: 3,
    field: 'value',
    message: /"n\/a" is not a number/,
  },
  {
    name: 'a year that is not YYYY',
    content: `${HEADER}\nARG,IT.NET.USER.ZS,${NAME},30,1,P,,CC-BY-4.0\n`,
    line: 2,
    field: 'year',
    message: /not a year/,
  },
  {
    name: 'a duplicate key',
    content: `${HEADER}\nARG,IT.NET.USER.ZS,${NAME},2030,1,P,,CC-BY-4.0\nBRA,IT.NET.USER.ZS,${NAME},2030,2,P,,CC-BY-4.0\nARG,IT.NET.USER.ZS,${NAME},2030,3,P,,CC-BY-4.0\n`,
    line: 4,
    field: 'iso3+indicator_code+year',
    message: /first seen on line 2/,
  },
  {
    name: 'invalid UTF-8',
    content: Buffer.concat([
      Buffer.from(`${HEADER}\nARG,IT.NET.USER.ZS,${NAME},2030,1,P,,CC-BY-4.0\nBRA,IT.NET.USER.ZS,Bad `),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' name,2030,1,P,,CC-BY-4.0\n'),
    ]),
    line: 3,
    field: 'indicator_name',
    message: /UTF-8/,
  },
  {
    name: 'a missing required value (no licence)',
    content: `${HEADER}\nARG,IT.NET.USER.ZS,${NAME},2030,1,P,,\n`,
    line: 2,
    field: 'license',
    message: /required/,
  },
];

describe.each(engines)('indicator import on %s', (engine) => {
  let db: Database;
  let report: ImportReport;

  beforeAll(async () => {
    db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock });
    report = await load(db, [INDICATORS_DIR]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reads every value file with its row count and skips the others (coverage.csv), whose header no importer has', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(3);
    expect(OTHER_FILES).toContain(join(INDICATORS_DIR, 'coverage.csv'));
    expect(report.files.map((f) => [f.file, f.importer, f.rows])).toEqual(
      FILES.map((file) => [file, 'indicators/values', fileRows.filter((r) => r.file === file).length]),
    );
    expect(report.skipped.map((s) => s.file)).toEqual(OTHER_FILES);
    expect(report.dryRun).toBe(false);
  });

  it('holds exactly the files\' row count for every indicator', async () => {
    const rows = await db.kysely
      .selectFrom('indicator_values')
      .select(['indicator_code'])
      .select((eb) => eb.fn.countAll().as('n'))
      .groupBy('indicator_code')
      .execute();
    const inDb = Object.fromEntries(rows.map((r) => [r.indicator_code, Number(r.n)]));
    expect(inDb).toEqual(countBy(fileRows, (r) => r.indicator_code));
    expect(Object.keys(inDb)).toHaveLength(new Set(fileRows.map((r) => r.indicator_code)).size);
  });

  it('holds every (iso3, code, year, value) exactly as in the files', async () => {
    const stored = await db.kysely.selectFrom('indicator_values').select(['iso3', 'indicator_code', 'year', 'value']).execute();
    const byKey = new Map(stored.map((r) => [`${r.iso3}|${r.indicator_code}|${r.year}`, r.value]));
    expect(byKey.size).toBe(fileRows.length);
    const wrong = fileRows.filter((r) => byKey.get(`${r.iso3}|${r.indicator_code}|${Number(r.year)}`) !== Number(r.value));
    expect(wrong).toEqual([]);
    for (const r of stored) expect(typeof r.value).toBe('number');
  });

  it('keeps missing values missing: no row where the file has none (VEN internet users stop at 2017)', async () => {
    const ven = await db.kysely
      .selectFrom('indicator_values')
      .select(['year'])
      .where('indicator_code', '=', 'IT.NET.USER.ZS')
      .where('iso3', '=', 'VEN')
      .orderBy('year', 'desc')
      .execute();
    expect(ven[0].year).toBe(2017);
    const zeros = fileRows.filter((r) => Number(r.value) === 0).length;
    const [z] = await db.kysely.selectFrom('indicator_values').select((eb) => eb.fn.countAll().as('n')).where('value', '=', 0).execute();
    expect(Number(z.n)).toBe(zeros);
  });

  it('indicator_year_stats has the median, n, min and max of the file\'s values for every (code, year)', async () => {
    const stats = await db.kysely.selectFrom('indicator_year_stats').selectAll().execute();
    const groups = new Map<string, number[]>();
    for (const r of fileRows) {
      const k = `${r.indicator_code}|${Number(r.year)}`;
      groups.set(k, [...(groups.get(k) ?? []), Number(r.value)]);
    }
    expect(stats).toHaveLength(groups.size);
    for (const s of stats) {
      const values = groups.get(`${s.indicator_code}|${s.year}`)!;
      expect(values, `${s.indicator_code} ${s.year}`).toBeDefined();
      expect(s.n).toBe(values.length);
      expect(s.median).toBeCloseTo(median(values), 9);
      expect(s.min).toBe(Math.min(...values));
      expect(s.max).toBe(Math.max(...values));
    }
  });

  it('the median of internet users in 2020 and of the LPI in 2022 match a hand computation', async () => {
    for (const [code, year] of [['IT.NET.USER.ZS', 2020], ['LP.LPI.OVRL.XQ', 2022], ['FINDEX.account_t_d', 2021]] as const) {
      const values = fileRows.filter((r) => r.indicator_code === code && Number(r.year) === year).map((r) => Number(r.value));
      expect(values.length, `${code} ${year}`).toBeGreaterThan(10);
      const row = await db.kysely
        .selectFrom('indicator_year_stats')
        .selectAll()
        .where('indicator_code', '=', code)
        .where('year', '=', year)
        .executeTakeFirstOrThrow();
      expect(row.median).toBeCloseTo(median(values), 9);
      expect(row.n).toBe(values.length);
    }
  });

  it('records each source with publisher, URL and licence, and every value points to one', async () => {
    const orphans = await db.kysely
      .selectFrom('indicator_values as v')
      .leftJoin('sources as s', 's.id', 'v.source_id')
      .select('v.iso3')
      .where('s.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    const used = await db.kysely
      .selectFrom('sources')
      .select(['publisher', 'url', 'license', 'retrieved_at', 'imported_at', 'synthetic'])
      .where('id', 'in', db.kysely.selectFrom('indicator_values').select('source_id'))
      .execute();
    const expected = new Set(fileRows.map((r) => JSON.stringify([r.source, r.source_url, r.license])));
    expect(new Set(used.map((s) => JSON.stringify([s.publisher, s.url, s.license])))).toEqual(expected);
    for (const s of used) {
      expect(s.publisher).toBeTruthy();
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.license).toMatch(/CC-BY-4\.0/);
      // The files do not say when their data was retrieved: not stated, never the import time.
      expect(s.retrieved_at).toBeNull();
      expect(s.imported_at).toBe(clock().toISOString());
      expect(s.synthetic).toBe(false);
    }
  });

  it('each value keeps the source of its own row', async () => {
    const sample = fileRows.filter((_, i) => i % 97 === 0);
    const rows = await db.kysely
      .selectFrom('indicator_values as v')
      .innerJoin('sources as s', 's.id', 'v.source_id')
      .select(['v.iso3', 'v.indicator_code', 'v.year', 's.publisher', 's.url'])
      .execute();
    const byKey = new Map(rows.map((r) => [`${r.iso3}|${r.indicator_code}|${r.year}`, [r.publisher, r.url]]));
    for (const r of sample) expect(byKey.get(`${r.iso3}|${r.indicator_code}|${Number(r.year)}`)).toEqual([r.source, r.source_url]);
  });

  it('records the import run', async () => {
    const runs = await db.kysely.selectFrom('import_runs').selectAll().execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ kind: 'files', status: 'done', rows: fileRows.length, started_at: clock().toISOString() });
  });

  describe('all or nothing: a bad file next to a good one in a directory', () => {
    it.each(BAD_FILES)('$name: ImportError naming file, line and field; nothing written', async ({ content, line, field, message }) => {
      const { dir, bad } = dirWith(content);
      const before = await snapshot(db);
      const err = await importError(load(db, [dir]));
      expect(err.issues.length).toBeGreaterThan(0);
      expect(err.issues.every((i) => i.file === bad), 'only the bad file is blamed').toBe(true);
      expect(err.issues).toContainEqual(expect.objectContaining({ file: bad, line, field, message: expect.stringMatching(message) }));
      expect(err.message).toContain(`${bad}:${line}`);
      expect(err.message).toMatch(/nothing was imported/);
      expect(await snapshot(db)).toEqual(before);
    });

    it('a good file alone imports (so the cases above fail because of the bad file)', async () => {
      const dir = join(tmp, `good-only-${engine}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'a-good.csv'), GOOD);
      const r = await load(db, [dir], { dryRun: true });
      expect(r.files).toEqual([{ file: join(dir, 'a-good.csv'), importer: 'indicators/values', rows: 1 }]);
    });

    it('problems in several files are all reported', async () => {
      const { dir } = dirWith(BAD_FILES[1].content);
      writeFileSync(join(dir, 'c-bad.csv'), BAD_FILES[3].content);
      const before = await snapshot(db);
      const err = await importError(load(db, [dir]));
      expect(new Set(err.issues.map((i: Issue) => i.file))).toEqual(new Set([join(dir, 'b-bad.csv'), join(dir, 'c-bad.csv')]));
      expect(await snapshot(db)).toEqual(before);
    });

    it('a named file no importer recognises is an error; in a directory it is skipped and listed', async () => {
      const { dir, bad } = dirWith('country,indicator,year,value\nARG,IT.NET.USER.ZS,2030,1\n');
      const before = await snapshot(db);
      const err = await importError(load(db, [bad]));
      expect(err.issues).toEqual([expect.objectContaining({ file: bad, line: 1, message: expect.stringMatching(/no importer recognises/) })]);
      const dry = await load(db, [dir], { dryRun: true });
      expect(dry.skipped.map((s) => s.file)).toEqual([bad]);
      expect(await snapshot(db)).toEqual(before);
    });

    it('a file a module knows but does not read is skipped with its reason, named or in a folder, instead of refused as a near-miss', async () => {
      // Three of the values importer's four signature columns: without the known kind, a near-miss (an error).
      const { dir, bad } = dirWith('iso3,indicator_code,year,series_note\nARG,X,2030,n\n');
      const nearMiss = await importError(load(db, [bad]));
      expect(nearMiss.issues[0]).toMatchObject({ file: bad, line: 1, message: expect.stringMatching(/looks like a indicators\/values file/) });
      const known: KnownFile = { name: 'Series notes', module: 'indicators', signature: ['iso3', 'series_note'], skip: 'not read yet' };
      const before = await snapshot(db);
      for (const paths of [[bad], [dir]]) {
        const report = await runImport(db, [...importers, known], paths, { now: clock(), dryRun: true });
        expect(report.skipped).toEqual([{ file: bad, reason: 'Series notes: not read yet' }]);
      }
      expect(await snapshot(db)).toEqual(before);
    });

    it('a path that does not exist is an ImportError', async () => {
      const before = await snapshot(db);
      const err = await importError(load(db, [join(tmp, 'nope')]));
      expect(err.issues[0]).toMatchObject({ file: join(tmp, 'nope'), line: 0 });
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('the snapshot used below sees a single changed value (checked inside a rolled-back transaction)', async () => {
    const before = await snapshot(db);
    expect(before.checksum).toMatch(/^[0-9a-f]{32}$/);
    let inside: Awaited<ReturnType<typeof snapshot>> | undefined;
    await expect(
      db.kysely.transaction().execute(async (tx) => {
        await tx.updateTable('indicator_values').set({ value: 12345.5 }).where('iso3', '=', 'PER').where('indicator_code', '=', 'IT.NET.USER.ZS').where('year', '=', 2020).execute();
        inside = await snapshot(tx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(inside!.indicator_values).toBe(before.indicator_values);
    expect(inside!.checksum).not.toBe(before.checksum);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a valid re-import is idempotent: same counts, same values', async () => {
    const before = await snapshot(db);
    const again = await load(db, [INDICATORS_DIR], { now: new Date('2025-04-01T00:00:00Z') });
    expect(again.files.reduce((n, f) => n + f.rows, 0)).toBe(fileRows.length);
    const after = await snapshot(db);
    expect({ ...after, import_runs: before.import_runs }).toEqual(before);
    expect(after.import_runs).toBe(before.import_runs + 1);
  });

  // BUG (src/platform/ingest/run.ts:77-78): in a directory, a file whose header cannot be read
  // (empty, no header line, not UTF-8 on line 1) is only "skipped", so the good files next to it
  // are imported. An empty .csv dropped in a data folder is almost always a failed export; it
  // should stop the import like any other bad file. Kept last: while the bug lives, it writes.
  it('an empty file in a directory stops the import (it is skipped instead)', async () => {
    const { dir, bad } = dirWith('');
    const before = await snapshot(db);
    const err = await importError(load(db, [dir]));
    expect(err.issues).toContainEqual(expect.objectContaining({ file: bad, line: 0, message: expect.stringMatching(/empty/) }));
    expect(await snapshot(db)).toEqual(before);
  });
});
