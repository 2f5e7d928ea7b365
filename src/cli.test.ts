import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { sharedIndicators } from '../test/support/shared-data.js';

// `puente` as a user runs it, in process: main(argv, io, env) with a DuckDB file in a temp dir.
const INDICATORS = fileURLToPath(new URL('../../shared/data/indicators/', import.meta.url));
const HEADER = 'iso3,indicator_code,indicator_name,year,value,source,source_url,license';

const tmp = mkdtempSync(join(tmpdir(), 'puente-cli-test-'));
const dbFile = join(tmp, 'p.duckdb');
const env = { DATABASE_URL: `duckdb:${dbFile}`, PUENTE_LOG_LEVEL: 'silent' };

async function puente(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'puente', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function health(): Promise<Record<string, number>> {
  const file = join(tmp, `health-${Math.random().toString(36).slice(2)}.json`);
  const r = await puente('export', '/api/-/health', '-o', file);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(readFileSync(file, 'utf8')).counts;
}

let goodImport: Awaited<ReturnType<typeof puente>>;
beforeAll(async () => {
  goodImport = await puente('import', INDICATORS);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('puente import', () => {
  it('imports a good directory: exit 0, each file and the total reported', async () => {
    expect(goodImport.code, goodImport.err).toBe(0);
    expect(goodImport.out).toMatch(/imported\s+475\s+indicators\/values\s+\S*internet_users_fealac\.csv/);
    expect(goodImport.out).toMatch(/imported\s+4617\s+indicators\/values\s+\S*wdi_fealac\.csv/);
    expect(goodImport.out).toMatch(/skipped\s+\S*coverage\.csv/);
    const shared = sharedIndicators();
    expect(goodImport.out).toContain(`${shared.files.length} files, ${shared.values} rows imported.`);
    expect(existsSync(dbFile)).toBe(true);
    expect(await health()).toMatchObject({ countries: 36, indicators: shared.indicators, values: shared.values });
  });

  it('a bad file: exit 1, stderr names file:line and field, and the database is unchanged', async () => {
    const before = await health();
    const bad = join(tmp, 'bad-value.csv');
    writeFileSync(bad, `${HEADER}\nPER,IT.NET.USER.ZS,Internet,2030,12,P,,CC0\nCHL,IT.NET.USER.ZS,Internet,2030,lots,P,,CC0\n`);
    const r = await puente('import', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:3: field "value": "lots" is not a number`);
    expect(r.err).toMatch(/nothing was imported/);
    expect(await health()).toEqual(before);
  });

  it('a bad file in a directory next to a good one: nothing of either is imported', async () => {
    const before = await health();
    const dir = join(tmp, 'mixed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'good.csv'), `${HEADER}\nPER,IT.NET.USER.ZS,Internet,2030,12,P,,CC0\n`);
    writeFileSync(join(dir, 'unknown-code.csv'), `${HEADER}\nXXX,IT.NET.USER.ZS,Internet,2030,12,P,,CC0\n`);
    const r = await puente('import', dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(dir, 'unknown-code.csv')}:2: field "iso3"`);
    expect(await health()).toEqual(before);
  });

  it('a path that does not exist: exit 1 and says so', async () => {
    const r = await puente('import', join(tmp, 'nowhere'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no such file or directory/);
  });
});

describe('puente validate', () => {
  it('a bad file: exit 1 with file:line and field', async () => {
    const bad = join(tmp, 'dup.csv');
    writeFileSync(bad, `${HEADER}\nPER,X.Y,Name,2020,1,P,,CC0\nPER,X.Y,Name,2020,2,P,,CC0\n`);
    const r = await puente('validate', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:3: field "iso3+indicator_code+year"`);
    expect(r.err).toMatch(/first seen on line 2/);
  });

  it('a good file: exit 0, says it is valid, and the database gains nothing', async () => {
    const good = join(tmp, 'new-values.csv');
    writeFileSync(good, `${HEADER}\nPER,PUENTE.VALIDATE_TEST,Name,2020,1,P,,CC0\nCHL,PUENTE.VALIDATE_TEST,Name,2020,2,P,,CC0\n`);
    const before = await health();
    const size = statSync(dbFile).size;
    const mtime = statSync(dbFile).mtimeMs;
    const r = await puente('validate', good);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/valid\s+2\s+indicators\/values/);
    expect(r.out).toMatch(/nothing written/);
    expect(statSync(dbFile).size).toBe(size);
    expect(statSync(dbFile).mtimeMs).toBe(mtime);
    expect(await health()).toEqual(before);
    const values = join(tmp, 'validate-check.json');
    expect((await puente('export', '/api/indicators/PUENTE.VALIDATE_TEST', '-o', values)).code).toBe(1);
  });
});

describe('puente export', () => {
  it('writes the CSV of an API view to a file', async () => {
    const out = join(tmp, 'per.csv');
    const r = await puente('export', '/api/indicators/IT.NET.USER.ZS.csv?country=PER', '-o', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(out);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('iso3,year,value,source_id');
    expect(lines.slice(1).every((l) => l.startsWith('PER,'))).toBe(true);
    expect(lines).toHaveLength(1 + 13);
    expect(lines[1]).toMatch(/^PER,2010,34\.77,src_/);
  });

  it('accepts a path without the /api/ prefix', async () => {
    const out = join(tmp, 'countries.json');
    expect((await puente('export', 'countries?region=east-asia', '-o', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).rows).toHaveLength(16);
  });

  it('a bad request: exit 1, the API error on stderr, no file written', async () => {
    const out = join(tmp, 'never.csv');
    const r = await puente('export', '/api/indicators/IT.NET.USER.ZS.csv?time=2020..2010', '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/400/);
    expect(r.err).toMatch(/after it ends/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('puente, other', () => {
  it('an unknown command exits non-zero and says so', async () => {
    const r = await puente('frobnicate');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/unknown command/i);
  });

  it('a missing argument exits non-zero', async () => {
    const r = await puente('import');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/missing required argument/i);
  });

  it('an invalid setting exits 2 naming it, before touching the database', async () => {
    const err: string[] = [];
    const code = await main(['node', 'puente', 'import', INDICATORS], { out: () => {}, err: (s) => err.push(s) }, { ...env, PUENTE_PAGE_SIZE: 'many' });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('PUENTE_PAGE_SIZE');
  });

  it('--version prints the version and exits 0', async () => {
    const r = await puente('--version');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+/);
  });
});
