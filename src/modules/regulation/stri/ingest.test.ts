import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../../../test/support/csv.js';
import { engines, freshDatabase } from '../../../../test/support/engines.js';
import type { Database, Engine } from '../../../platform/db/index.js';
import { ImportError } from '../../../platform/ingest/report.js';
import { runImport } from '../../../platform/ingest/run.js';
import { modules } from '../../../modules.js';
import { memberCodes } from '../../countries/index.js';
import { importers } from '../ingest.js';
import { sourcesOf } from '../store.js';
import { listStriValues } from './store.js';

// The shared file is read in place; every expected count comes from the file itself.
const DIR = fileURLToPath(new URL('../../../../../shared/data/regulation/oecd-digital-stri/', import.meta.url));
const FILE = join(DIR, 'digital_stri_2020_2024.csv');
const records = csvRecords(readFileSync(FILE, 'utf8'));
const NOW = new Date('2026-01-15T09:00:00Z');
const clock = () => NOW;

const economies = [...new Set(records.map((r) => r.iso3))].sort();
const years = [...new Set(records.map((r) => Number(r.year)))].sort();

const answered: Partial<Record<Engine, string>> = {};

describe.each(engines)('Digital STRI importer on %s', (engine) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock });
    dir = mkdtempSync(join(tmpdir(), 'puente-stri-'));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the shared file with `edit` applied to its data rows (index 0 = line 2). */
  function variant(name: string, edit: (rows: string[]) => string[]): string {
    const [header, ...rows] = readFileSync(FILE, 'utf8').trimEnd().split(/\r?\n/);
    const file = join(dir, name);
    writeFileSync(file, [header, ...edit(rows)].join('\n') + '\n');
    return file;
  }
  const field = (line: string, i: number, value: string) => {
    // The first five fields are plain (iso3, year, measure_code, measure_label, value).
    const parts = line.split(',');
    parts[i] = value;
    return parts.join(',');
  };

  async function refused(file: string): Promise<string[]> {
    const err = await runImport(db, importers, [file], { now: NOW }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(await listStriValues(db.kysely)).toHaveLength(0); // all-or-nothing
    return (err as ImportError).issues.map((i) => `${i.file.split('/').pop()}:${i.line}:${i.field}: ${i.message}`);
  }

  it('refuses a file with a value outside 0..1, naming file, line and field; writes nothing', async () => {
    const file = variant('range.csv', (rows) => rows.map((r, i) => (i === 4 ? field(r, 4, '1.5') : r)));
    const issues = await refused(file);
    expect(issues.some((i) => /^range\.csv:6:value: 1\.5 is outside/.test(i))).toBe(true);
  });

  it('refuses contributions that do not add up to the overall index', async () => {
    // Line 2 is ARG 2020's overall index; raise one contribution on line 3.
    const file = variant('sum.csv', (rows) => rows.map((r, i) => (i === 1 ? field(r, 4, '0.3') : r)));
    const issues = await refused(file);
    expect(issues).toEqual([expect.stringMatching(/^sum\.csv:2:value: ARG 2020: the five area contributions add up to .* not to the overall index/)]);
  });

  it('refuses an economy-year without all six measures, an unknown measure, a non-member and a repeated key', async () => {
    expect(await refused(variant('missing.csv', (rows) => rows.filter((_, i) => i !== 3)))).toEqual([
      expect.stringMatching(/^missing\.csv:2:measure_code: ARG 2020 lacks CLAS1_8/),
    ]);
    expect((await refused(variant('measure.csv', (rows) => rows.map((r, i) => (i === 2 ? field(r, 2, 'CLAS1_99') : r)))))[0]).toMatch(/^measure\.csv:4:measure_code: .*CLAS1_99/);
    expect((await refused(variant('member.csv', (rows) => rows.map((r, i) => (i === 0 ? field(r, 0, 'USA') : r)))))[0]).toMatch(/^member\.csv:2:iso3: .*USA/);
    expect((await refused(variant('twice.csv', (rows) => [...rows, rows[0]]))).some((i) => /^twice\.csv:\d+:(iso3|measure_code|year|null)?.*(duplicate|twice)/i.test(i))).toBe(true);
  });

  it('imports every row of the shared file, with its source record (publisher OECD, dataflow, licence as stated)', async () => {
    const report = await runImport(db, importers, [DIR], { now: NOW });
    expect(report.files).toEqual([{ file: FILE, importer: 'regulation/digital-stri', rows: records.length }]);

    const values = await listStriValues(db.kysely);
    expect(values).toHaveLength(records.length);
    expect(new Set(values.map((v) => v.iso3)).size).toBe(economies.length);
    // Every value exactly as in the file.
    const byKey = new Map(values.map((v) => [`${v.iso3}|${v.year}|${v.measure}`, v.value]));
    for (const r of records) expect(byKey.get(`${r.iso3}|${r.year}|${r.measure_code}`), `${r.iso3} ${r.year} ${r.measure_code}`).toBe(Number(r.value));

    const sources = await sourcesOf(db.kysely, values.map((v) => v.source_id));
    const licences = [...new Set(records.map((r) => r.licence_as_stated))];
    expect(sources).toHaveLength(licences.length);
    expect(sources[0]).toMatchObject({ publisher: 'OECD', license: licences[0], url: `https://sdmx.oecd.org/public/rest/data/${records[0].sdmx_dataflow}/`, synthetic: false });
    expect(sources[0].title).toContain(records[0].sdmx_dataflow);

    // The members the OECD does not cover have no row at all (missing, never 0).
    const members = await memberCodes(db.kysely);
    const absent = members.filter((m) => !economies.includes(m));
    expect(absent.length).toBe(members.length - economies.length);
    expect(values.filter((v) => absent.includes(v.iso3))).toEqual([]);
    expect(years).toEqual([...new Set(values.map((v) => v.year))].sort());
    answered[engine] = JSON.stringify(values);
  });

  it('importing the file again replaces, never duplicates', async () => {
    await runImport(db, importers, [FILE], { now: NOW });
    expect(await listStriValues(db.kysely)).toHaveLength(records.length);
  });
});

describe('both engines', () => {
  it('hold the same values', () => {
    expect(answered.duckdb).toBeDefined();
    expect(answered.postgres).toBe(answered.duckdb);
  });
});
