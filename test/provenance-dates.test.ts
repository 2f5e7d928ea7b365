// Issue #16.7: a source says when the publisher's data was retrieved (from the file, or the
// connector's fetch time) apart from when Puente imported it; where the file does not say,
// "retrieved" is unknown, never the import time. Expected dates are read from the shared files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';
import { importFiles } from '../src/bootstrap.js';
import { migrateToLatest } from '../src/platform/db/index.js';
import { retrievedDate, upsertSources } from '../src/platform/ingest/provenance.js';
import { appsPerEngine, get, json } from './support/app.js';
import { csvRecords } from './support/csv.js';
import { engines, freshDatabase } from './support/engines.js';
import { INDICATORS_DIR, SHARED_DATA } from './support/shared-data.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const TREATIES = join(SHARED_DATA, 'regulation/treaties.csv');
const RADAR = join(SHARED_DATA, 'marketplaces/cloudflare-radar-top100-2024-05');
const setup = appsPerEngine(NOW, async (ctx) => {
  await importFiles(ctx, [INDICATORS_DIR, join(SHARED_DATA, 'marketplaces/registry'), RADAR, TREATIES]);
});

describe('retrievedDate', () => {
  it('keeps a date as precise as the file gives it, and nothing that is not a date', () => {
    expect(retrievedDate('2024-05')).toBe('2024-05');
    expect(retrievedDate(' 2025-10-01 ')).toBe('2025-10-01');
    expect(retrievedDate('2022')).toBe('2022');
    expect(retrievedDate('2024-05-21T17:25:18Z')).toBe('2024-05-21T17:25:18Z');
    for (const bad of ['undated', '2020s', '(2023)', '2024-13', '05/2024', '', null, undefined, '1850']) expect(retrievedDate(bad), String(bad)).toBeNull();
  });
});

describe.each(engines)('sources on %s', (engine) => {
  it('/api/-/sources: every imported source has its import time, and "retrieved" only where the file says it', async () => {
    const { app } = await setup(engine);
    const body = await json(app, '/api/-/sources?_size=max');
    const imported = body.rows.filter((s: { imported_at: string | null }) => s.imported_at !== null);
    expect(imported.length).toBeGreaterThan(0);
    for (const s of imported) {
      expect(s.imported_at, s.publisher).toBe(NOW.toISOString());
      expect(s.retrieved_at, `${s.publisher}: retrieved is not the import time`).not.toBe(s.imported_at);
    }
    // Indicator files carry no retrieval date: not stated.
    const indicatorPublishers = new Set(
      ['findex_fealac.csv', 'wdi_fealac.csv'].flatMap((f) => csvRecords(readFileSync(join(INDICATORS_DIR, f), 'utf8')).map((r) => r.source)),
    );
    const indicatorSources = imported.filter((s: { publisher: string }) => indicatorPublishers.has(s.publisher));
    expect(indicatorSources.length).toBeGreaterThan(0);
    for (const s of indicatorSources) expect(s.retrieved_at).toBeNull();
    // The Cloudflare Radar snapshot month, from its folder name.
    const radar = imported.filter((s: { publisher: string }) => /cloudflare/i.test(s.publisher));
    expect(radar.map((s: { retrieved_at: string }) => s.retrieved_at)).toEqual(['2024-05']);
    // Treaty sources: the file's source_date where it is a date; "undated", "2020s" stay unknown.
    const dateOf = new Map<string, Set<string | null>>();
    for (const r of csvRecords(readFileSync(TREATIES, 'utf8'))) {
      if (!r.source_url) continue;
      dateOf.set(r.source_url, (dateOf.get(r.source_url) ?? new Set()).add(retrievedDate(r.source_date)));
    }
    let checked = 0;
    for (const s of imported.filter((x: { url: string | null }) => x.url && dateOf.has(x.url))) {
      expect([...dateOf.get(s.url)!], s.url).toContain(s.retrieved_at);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    expect(imported.some((s: { url: string | null; retrieved_at: string | null }) => s.url && dateOf.has(s.url) && s.retrieved_at !== null)).toBe(true);
  });

  it('every sources array, the metadata download and the zip readme carry both dates', async () => {
    const { app } = await setup(engine);
    const body = await json(app, '/api/indicators/FINDEX.account_t_d');
    expect(body.sources.length).toBeGreaterThan(0);
    for (const s of body.sources) {
      expect(s).toHaveProperty('retrieved_at', null);
      expect(s).toHaveProperty('imported_at', NOW.toISOString());
    }
    const profile = await json(app, '/api/countries/ARG/profile?indicator=FINDEX.account_t_d');
    expect(profile.sources.every((s: { imported_at: string }) => s.imported_at === NOW.toISOString())).toBe(true);
    const meta = await json(app, '/api/indicators/FINDEX.account_t_d.metadata.json');
    expect(meta.sources.map((s: { imported_at: string }) => s.imported_at)).toEqual(body.sources.map(() => NOW.toISOString()));
    const zip = unzipSync(new Uint8Array(await (await get(app, '/api/indicators/FINDEX.account_t_d.zip')).arrayBuffer()));
    expect(strFromU8(zip['README.txt'])).toContain(`retrieved not stated; imported ${NOW.toISOString()}`);
  });

  it('migration 0009 moves the import time of file imports to imported_at, and keeps a sync\'s fetch time as retrieved', async () => {
    const db = await freshDatabase(engine);
    try {
      // Back to the state before 0009 (its down), with the rows an older release wrote.
      await migrations['0009_source_imported_at'].down!(db.kysely);
      await sql`delete from kysely_migration where name = '0009_source_imported_at'`.execute(db.kysely);
      const at = '2025-01-02T03:04:05.000Z';
      await sql`insert into sources (id, publisher, retrieved_at, synthetic, note) values
        ('a', 'File', ${at}, false, 'imported from /x/values.csv'),
        ('b', 'Page', ${at}, false, 'source date: 2022; imported from /x/treaties.csv'),
        ('c', 'World Bank', ${at}, false, null),
        ('d', 'UNCTAD', ${at}, false, 'synced from https://example.org/data.csv')`.execute(db.kysely);
      await migrateToLatest(db, migrations);
      const rows = (await sql<{ id: string; retrieved_at: string | null; imported_at: string | null }>`select id, retrieved_at, imported_at from sources order by id`.execute(db.kysely)).rows;
      expect(rows).toEqual([
        { id: 'a', retrieved_at: null, imported_at: at },
        { id: 'b', retrieved_at: null, imported_at: at },
        { id: 'c', retrieved_at: at, imported_at: at },
        { id: 'd', retrieved_at: at, imported_at: at },
      ]);
      // A later write keeps the two apart.
      await upsertSources(db.kysely, [{ publisher: 'File2', retrieved_at: '2024-05', imported_at: NOW.toISOString() }]);
      const file2 = (await sql<{ retrieved_at: string; imported_at: string }>`select retrieved_at, imported_at from sources where publisher = 'File2'`.execute(db.kysely)).rows[0];
      expect(file2).toEqual({ retrieved_at: '2024-05', imported_at: NOW.toISOString() });
    } finally {
      await db.close();
    }
  });
});
