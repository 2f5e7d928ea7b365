// The fast path of partner files (CsvSpec.probe): a file is loaded straight from disk only when
// the probe finds nothing that may be wrong. Every problem staging would report must make the
// probe say "maybe wrong" (else a bad file would be loaded unchecked); unusual but valid files
// go through staging and still load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/engines.js';
import { probeFile, withReader } from '../../platform/ingest/csv.js';
import { runImport } from '../../platform/ingest/run.js';
import { modules } from '../../modules.js';
import { partnerFileSpec, WEBSITE_LOOKUP } from './ingest.js';
import { BAD_PARTNER_FILES, GOOD_SHARES, GOOD_VISITS, SHARES_HEADER, SRC, VISITS_HEADER } from './test-fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'puente-probe-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function file(name: string, content: string): string {
  const path = join(tmp, `${++n}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** Runs the module's probe of one file against a registry of two websites. */
async function probe(path: string, kind: 'visits' | 'shares') {
  const { spec } = await partnerFileSpec(kind, path, 0.01);
  return withReader(async (r) => {
    await r.run(`create temp table ${WEBSITE_LOOKUP} (id varchar, domain varchar, serves_iso3 varchar)`);
    await r.run(`insert into ${WEBSITE_LOOKUP} values ('mercadolibre.com.ar|ARG', 'mercadolibre.com.ar', 'ARG'), ('amazon.com|ARG', 'amazon.com', 'ARG')`);
    return probeFile(r, path, spec, '_t');
  });
}

const kindOf = (name: string) => (name === 's.csv' ? 'shares' : 'visits');

describe('partner file probe', () => {
  it('passes good files, with their record counts', async () => {
    expect((await probe(file('v.csv', GOOD_VISITS), 'visits'))?.rows).toBe(3);
    expect((await probe(file('s.csv', GOOD_SHARES), 'shares'))?.rows).toBe(7);
  });

  it.each(BAD_PARTNER_FILES)('flags $name', async (c) => {
    expect(await probe(file(c.file, c.content), kindOf(c.file))).toBeNull();
  });

  it.each([
    ['a value to trim', `${VISITS_HEADER}\nmercadolibre.com.ar, ARG,2024-01,10,${SRC}\n`],
    ['two spellings of one host', `${VISITS_HEADER}\nwww.amazon.com,ARG,2024-01,10,${SRC}\namazon.com,ARG,2024-02,10,${SRC}\n`],
    ['an empty source on the first row', `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-01,10,,,x,false\n`],
    ['a header with no rows', `${VISITS_HEADER}\n`],
    ['a ragged line', `${VISITS_HEADER}\nmercadolibre.com.ar,ARG,2024-01,10\n`],
  ])('sends %s to staging', async (_, content) => {
    expect(await probe(file('v.csv', content), 'visits')).toBeNull();
  });

  it('still loads an unusual but valid file through staging', async () => {
    const db = await freshDatabase('duckdb');
    try {
      const clock = () => new Date('2025-03-01T12:00:00Z');
      for (const m of modules) await m.seed?.(db.kysely, { clock });
      const importers = modules.flatMap((m) => m.importers ?? []);
      await runImport(db, importers, [join(process.cwd(), '../shared/data/marketplaces/registry')], { now: clock() });
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
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('partner shares probe', () => {
  it('flags shares that sum to 1 only with a duplicate', async () => {
    // 0.5 + 0.5 + 0 sums to 1 but repeats a category: the list of categories tells.
    const content = `${SHARES_HEADER}\nmercadolibre.com.ar,ARG,2023,sex,female,0.5,${SRC}\nmercadolibre.com.ar,ARG,2023,sex,male,0.5,${SRC}\nmercadolibre.com.ar,ARG,2023,sex,male,0,${SRC}\n`;
    expect(await probe(file('s.csv', content), 'shares')).toBeNull();
  });
});
