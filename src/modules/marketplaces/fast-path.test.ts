// The fast path of partner files (CsvSpec.fast, LoadTarget.fast): a file goes straight into its
// table and the rows it brought are then checked; anything unusual starts the import again with
// staging. Every problem staging would report must make the fast path fail (else a bad file would
// be loaded unchecked); unusual but valid files go through staging and still load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/engines.js';
import type { Database } from '../../platform/db/index.js';
import { FastPathFailed } from '../../platform/ingest/load.js';
import { runImport } from '../../platform/ingest/run.js';
import { modules } from '../../modules.js';
import { makeSharesImporter, makeVisitsImporter } from './ingest.js';
import { BAD_PARTNER_FILES, GOOD_SHARES, GOOD_VISITS, SHARES_HEADER, SRC, VISITS_HEADER } from './test-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'puente-fast-path-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function file(name: string, content: string): string {
  const path = join(tmp, `${++n}-${name}`);
  writeFileSync(path, content);
  return path;
}

const clock = () => new Date('2025-03-01T12:00:00Z');
const importers = modules.flatMap((m) => m.importers ?? []);
let db: Database;
beforeAll(async () => {
  db = await freshDatabase('duckdb');
  for (const m of modules) await m.seed?.(db.kysely, { clock });
  await runImport(db, importers, [join(process.cwd(), '../shared/data/marketplaces/registry')], { now: clock() });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const undo = new Error('undo');
/** Loads one file on the fast path only, in a transaction rolled back afterwards: its row count, or the error. */
async function fast(path: string, kind: 'visits' | 'shares'): Promise<number | unknown> {
  const importer = kind === 'visits' ? makeVisitsImporter() : makeSharesImporter({ shareTolerance: 0.01 });
  let rows = 0;
  try {
    await db.kysely.transaction().execute(async (tx) => {
      rows = await importer.load!(tx, path, { file: path, engine: 'duckdb', now: clock().toISOString(), fast: true });
      throw undo;
    });
  } catch (err) {
    return err === undo ? rows : err;
  }
  return rows;
}

const kindOf = (name: string) => (name === 's.csv' ? 'shares' : 'visits');

describe('partner files on the fast path', () => {
  it('loads good files, with their record counts', async () => {
    const plain = `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-01,1000,${SRC}\nmercadolibre.com.ar,ARG,2024-02,1200,${SRC}\namazon.com,ARG,2024-01,500,${SRC}\n`;
    expect(await fast(file('v.csv', plain), 'visits')).toBe(3);
    expect(await fast(file('s.csv', GOOD_SHARES), 'shares')).toBe(7);
  });

  it.each(BAD_PARTNER_FILES)('fails on $name', async (c) => {
    expect(await fast(file(c.file, c.content), kindOf(c.file))).toBeInstanceOf(FastPathFailed);
  });

  it.each([
    ['a value to trim', `${VISITS_HEADER}\nmercadolibre.com.ar, ARG,2024-01,10,${SRC}\n`],
    ['a www. spelling of a registry host', GOOD_VISITS],
    ['an empty source on the first row', `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-01,10,,,x,false\n`],
    ['a header with no rows', `${VISITS_HEADER}\n`],
    ['a ragged line', `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-01,10\n`],
  ])('leaves %s to staging', async (_, content) => {
    // Refused by the fast path, or (a first row without a source) never tried: not loaded fast.
    expect(typeof (await fast(file('v.csv', content), 'visits'))).not.toBe('number');
  });

  it('still loads an unusual but valid file through staging', async () => {
    {
      // Spaces around values and both spellings of a host: staging trims and normalises them.
      const path = file('visits.csv', `${VISITS_HEADER}\n mercadolibre.com.ar , ARG ,2024-01, 10 ,${SRC}\nwww.amazon.com,ARG,2024-01,5,${SRC}\namazon.com,ARG,2024-02,6,${SRC}\n`);
      const report = await runImport(db, importers, [path], { now: clock() });
      expect(report.files.map((f) => f.rows)).toEqual([3]);
      const rows = await db.kysely.selectFrom('traffic_visits').select(['website_id', 'month', 'visits']).orderBy('website_id').orderBy('month').execute();
      expect(rows).toEqual([
        { website_id: 'amazon.com|ARG', month: '2024-01', visits: 5 },
        { website_id: 'amazon.com|ARG', month: '2024-02', visits: 6 },
        { website_id: 'mercadolibre.com.ar|ARG', month: '2024-01', visits: 10 },
      ]);
      // Domains as the registry spells them: the fast path builds each id from the record (no
      // join); every id it wrote is a registry website's.
      const plain = file('visits.csv', `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-03,7,${SRC}\namazon.com,ARG,2024-03,8,${SRC}\nfacebook.com/marketplace,MEX,2024-03,9,${SRC}\n`);
      await runImport(db, importers, [plain], { now: clock() });
      const march = await db.kysely
        .selectFrom('traffic_visits as t')
        .leftJoin('websites as w', 'w.id', 't.website_id')
        .select(['t.website_id', 'w.marketplace_id', 't.visits'])
        .where('t.month', '=', '2024-03')
        .orderBy('t.website_id')
        .execute();
      expect(march).toEqual([
        { website_id: 'amazon.com|ARG', marketplace_id: 'amazon', visits: 8 },
        { website_id: 'facebook.com/marketplace|MEX', marketplace_id: 'facebook-marketplace', visits: 9 },
        { website_id: 'mercadolibre.com.ar|ARG', marketplace_id: 'mercadolibre', visits: 7 },
      ]);
    }
  }, 120_000);
});

describe('partner shares on the fast path', () => {
  it('fails on shares that sum to 1 only with a repeated category', async () => {
    // 0.5 + 0.5 + 0 sums to 1 but repeats a category: the distinct count tells.
    const content = `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2023,sex,female,0.5,${SRC}\nmercadolibre.com.ar,ARG,2023,sex,male,0.5,${SRC}\nmercadolibre.com.ar,ARG,2023,sex,male,0,${SRC}\n`;
    expect(await fast(file('s.csv', content), 'shares')).toBeInstanceOf(FastPathFailed);
  });
});
