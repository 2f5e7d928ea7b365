// Issue #16.6: a non-finite number (Infinity, NaN, 1e999...) in any numeric column of any importer
// is refused at the reader, with file, line and field, like any other bad value. The numeric
// columns are read from the importers' own specs, and each file is made from a real record of a
// file the importer reads (../shared/data, or the partner fixtures where no real file exists): a
// new importer, or a new numeric column, is covered without touching this test.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db/index.js';
import { ImportError } from '../src/platform/ingest/report.js';
import { runImport, type Importer } from '../src/platform/ingest/run.js';
import { modules } from '../src/modules.js';
import { GOOD_SHARES, GOOD_VISITS } from '../src/modules/marketplaces/test-fixtures.js';
import { csvRecords, csvRows } from './support/csv.js';
import { freshDatabase } from './support/engines.js';
import { SHARED_DATA } from './support/shared-data.js';

const NON_FINITE = ['Infinity', '-Infinity', 'NaN', 'nan', ' inf ', '-INF', '+inf', 'INFINITY', '1e999', '-1E999'];

const tmp = mkdtempSync(join(tmpdir(), 'puente-non-finite-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const importers = modules.flatMap((m) => m.importers ?? []).filter((k): k is Importer => 'spec' in k);
const clock = () => new Date('2025-03-01T12:00:00Z');

function sharedCsvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? sharedCsvFiles(join(dir, e.name)) : e.name.endsWith('.csv') ? [join(dir, e.name)] : []));
}
const shared = sharedCsvFiles(SHARED_DATA).map((file) => ({ file: relative(SHARED_DATA, file), text: readFileSync(file, 'utf8') }));
// Files with no real example in ../shared/data (partner panels, CrUX lists): small good ones stand in.
const fixtures = [
  { file: 'panel/visits.csv', text: GOOD_VISITS },
  { file: 'panel/shares.csv', text: GOOD_SHARES },
  { file: 'data/country/ar/202405.csv.gz', text: 'origin,rank\nhttps://www.mercadolibre.com.ar,1000\n' },
];

/** The text of a file this importer reads: the first shared file (or fixture) whose header has its signature. */
function sampleOf(importer: Importer): { file: string; text: string } | undefined {
  return [...shared, ...fixtures].find(({ text }) => {
    const header = (csvRows(text.split(/\r?\n/, 1)[0])[0] ?? []).map((h) => h.trim());
    return importer.signature.every((c) => header.includes(c));
  });
}

const field = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

let db: Database;
beforeAll(async () => {
  db = await freshDatabase('duckdb');
  for (const m of modules) await m.seed?.(db.kysely, { clock });
  // Traffic files name registry websites.
  await runImport(db, importers, [join(SHARED_DATA, 'marketplaces/registry')], { now: clock() });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('non-finite numbers are refused at the reader, for every numeric column of every importer', () => {
  it('finds numeric columns to test, and a sample file for every importer that has one', async () => {
    const numeric = [];
    for (const importer of importers) {
      const columns = (await importer.spec(db.kysely)).columns.filter((c) => c.type === 'number' || c.type === 'integer');
      if (!columns.length) continue;
      numeric.push(...columns.map((c) => `${importer.name}.${c.name}`));
      expect(sampleOf(importer), `${importer.name} has numeric columns but no sample file in ../shared/data or the fixtures`).toBeDefined();
    }
    // The indicator values, the pairs' values and the traffic figures at least.
    expect(numeric).toEqual(expect.arrayContaining(['indicators/values.value', 'countries/pairs.value', 'marketplaces/traffic-visits.visits', 'marketplaces/traffic-shares.share']));
  });

  it('on PostgreSQL too (the file is checked by the same reader before any row goes over)', async () => {
    const pg = await freshDatabase('postgres');
    try {
      for (const m of modules) await m.seed?.(pg.kysely, { clock });
      await runImport(pg, importers, [join(SHARED_DATA, 'marketplaces/registry')], { now: clock() });
      for (const [name, text] of [
        ['values.csv', `iso3,indicator_code,indicator_name,year,value,source,license\nARG,X.Y,Test,2020,1.5,Test,CC0\nBRA,X.Y,Test,2020,Infinity,Test,CC0\n`],
        ['visits.csv', `${GOOD_VISITS.split('\n')[0]}\n${GOOD_VISITS.split('\n')[1]}\n${GOOD_VISITS.split('\n')[2].replace(/,1200,/, ',NaN,')}\n`],
      ]) {
        const path = join(tmp, `pg-${name}`);
        writeFileSync(path, text);
        const err = await runImport(pg, importers, [path], { now: clock() }).then(() => null, (e: unknown) => e);
        expect(err, name).toBeInstanceOf(ImportError);
        expect((err as ImportError).issues.filter((i) => /not a finite number/.test(i.message)).map((i) => [i.line, i.field])).toEqual([[3, name === 'values.csv' ? 'value' : 'visits']]);
      }
    } finally {
      await pg.close();
    }
  }, 120_000);

  for (const importer of importers) {
    it(`${importer.name}: each numeric column`, async () => {
      const columns = (await importer.spec(db.kysely)).columns.filter((c) => c.type === 'number' || c.type === 'integer');
      const sample = sampleOf(importer);
      if (!columns.length || !sample) return;
      const records = csvRecords(sample.text);
      const header = Object.keys(records[0]);
      for (const column of columns) {
        const cols = header.includes(column.name) ? header : [...header, column.name];
        const line = (r: Record<string, string>, value?: string) => cols.map((c) => field(c === column.name && value !== undefined ? value : (r[c] ?? ''))).join(',');
        // One good record, then the same record once per bad value (lines 3, 4, ...).
        const text = [cols.map(field).join(','), line(records[0]), ...NON_FINITE.map((v) => line(records[0], v))].join('\n') + '\n';
        // Under the sample's own path: some importers read meaning from it (a country code, a month).
        const path = join(tmp, `${importer.name.replace(/\W/g, '-')}-${column.name}`, sample.file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, path.endsWith('.gz') ? gzipSync(text) : text);
        const err = await runImport(db, [importer], [path], { now: clock(), dryRun: true }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err, `${importer.name}.${column.name}`).toBeInstanceOf(ImportError);
        const issues = (err as ImportError).issues;
        // A number column gets the reader's own message; an integer column may be refused by the
        // importer's stricter rule first (e.g. "is not a rank"), still on its line and field.
        const expected = column.type === 'number' ? /is not a finite number/ : /is not a/;
        NON_FINITE.forEach((v, i) => {
          expect(
            issues.find((x) => x.file === path && x.line === i + 3 && x.field === column.name && expected.test(x.message) && (column.type !== 'number' || x.message.includes(`"${v.trim()}"`))),
            `${importer.name}.${column.name} = ${JSON.stringify(v)} on line ${i + 3}: ${JSON.stringify(issues.slice(0, 5))}`,
          ).toBeDefined();
        });
        // The good record is not blamed for the column, and no problem lacks its place.
        expect(issues.filter((x) => x.line === 2 && x.field === column.name && expected.test(x.message))).toEqual([]);
        expect(issues.filter((x) => x.line === 0 || /NOT NULL|constraint/i.test(x.message))).toEqual([]);
      }
    });
  }
});
