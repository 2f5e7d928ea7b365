// The import runner's JSON path: a module's importer claims a .json file by the keys of its
// top-level object; other JSON files in a folder are passed over, broken ones listed as skipped;
// a named file must be recognised and readable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/engines.js';
import type { Database } from '../db/index.js';
import { ImportError } from './report.js';
import { runImport, type FileKind, type Importer } from './run.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const written: Record<string, unknown>[][] = [];
const things: Importer = {
  name: 'test/things',
  module: 'test',
  order: 1,
  signature: ['kind', 'things'],
  spec: () => ({ columns: [] }),
  json(data, file) {
    const list = (data as { things: unknown[] }).things;
    if (!Array.isArray(list)) return { rows: [], issues: [{ file, line: 0, field: 'things', message: 'is not a list' }] };
    return { rows: list.map((t) => ({ t })), issues: [] };
  },
  async write(_tx, rows) {
    written.push(rows);
    return rows.length;
  },
};
const known: FileKind = { name: 'test/known', module: 'test', signature: ['_provenance', 'values'], json: true, skip: 'read from the CSV instead' };

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await freshDatabase('duckdb');
  dir = mkdtempSync(join(tmpdir(), 'puente-json-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ kind: 'x', things: [1, 2, 3] }));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ _provenance: {}, values: {} }));
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ unrelated: true }));
  writeFileSync(join(dir, 'd.json'), '{\n  "kind": "x",\n  "things": [1, 2,\n}');
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('JSON files', () => {
  it('in a folder: the claimed file is read, the known one skipped with its reason, others passed over, a broken one listed', async () => {
    written.length = 0;
    const report = await runImport(db, [things, known], [dir], { now: NOW });
    expect(report.files).toEqual([{ file: join(dir, 'a.json'), importer: 'test/things', rows: 3 }]);
    expect(written).toEqual([[{ t: 1 }, { t: 2 }, { t: 3 }]]);
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.file.split('/').pop(), s.reason]));
    expect(skipped['b.json']).toBe('test/known: read from the CSV instead');
    expect(skipped['c.json']).toBeUndefined();
    expect(skipped['d.json']).toMatch(/^not valid JSON/);
  });

  it('named one by one: an unrecognised or broken file is an error naming the file (and the line)', async () => {
    await expect(runImport(db, [things], [join(dir, 'c.json')], { now: NOW })).rejects.toThrow(/c\.json:1: no importer recognises its top-level keys \(unrelated\)/);
    const err = await runImport(db, [things], [join(dir, 'd.json')], { now: NOW }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    // The line is given when the engine's message names a position (V8 does not always).
    expect(err.issues[0]).toMatchObject({ file: expect.stringMatching(/d\.json$/), message: expect.stringMatching(/^not valid JSON/) });
    expect([0, 4]).toContain(err.issues[0].line);
  });

  it("the importer's own issues stop the import (all-or-nothing)", async () => {
    writeFileSync(join(dir, 'e.json'), JSON.stringify({ kind: 'x', things: 'no' }));
    written.length = 0;
    await expect(runImport(db, [things], [dir], { now: NOW })).rejects.toThrow(/e\.json: field "things": is not a list/);
    expect(written).toEqual([]);
    rmSync(join(dir, 'e.json'));
  });

  it('a CSV importer never claims a JSON file, nor a JSON importer a CSV', async () => {
    writeFileSync(join(dir, 'f.csv'), 'kind,things\nx,1\n');
    const report = await runImport(db, [things], [dir], { now: NOW, dryRun: true });
    expect(report.skipped.find((s) => s.file.endsWith('f.csv'))?.reason).toMatch(/no importer recognises its header/);
    rmSync(join(dir, 'f.csv'));
  });
});
