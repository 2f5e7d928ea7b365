import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import type { Database, Engine } from '../../platform/db/index.js';
import { modules } from '../../modules.js';
import { measureInput } from './schema.js';
import {
  createMeasure,
  deleteMeasure,
  getFrameworkJson,
  importMeasures,
  listAudit,
  listCyberlaw,
  listDeMinimis,
  listFrameworks,
  listMeasures,
  listTreaties,
  MeasureConflict,
  regulationStats,
  seedFrameworks,
  updateMeasure,
  writeCyberlaw,
  writeDeMinimis,
  writeTreaties,
} from './store.js';

const clock = () => new Date('2025-03-01T12:00:00Z');
const at = (min: number) => ({ actor: 'ana', at: `2025-03-01T12:${String(min).padStart(2, '0')}:00.000Z` });

/** What each engine answered, compared at the end: the same calls must give the same JSON. */
const answered: Partial<Record<Engine, string>> = {};

describe.each(engines)('regulation store on %s', (engine) => {
  let db: Database;
  const seen: unknown[] = [];
  beforeAll(async () => {
    db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock });
  });
  afterAll(async () => {
    answered[engine] = JSON.stringify(seen);
    await db?.close();
  });

  it('seeds the framework files once; seeding again changes nothing', async () => {
    const first = await listFrameworks(db.kysely);
    expect(first.map((f) => `${f.id}-${f.version}`)).toEqual(['rdtii-2.1']);
    for (const m of modules) await m.seed?.(db.kysely, { clock: () => new Date('2030-01-01T00:00:00Z') });
    const again = await listFrameworks(db.kysely);
    expect(again[0].loaded_at).toBe(first[0].loaded_at);
    await seedFrameworks(db.kysely, [{ id: 'rdtii', version: '2.1', json: { changed: true } }], '2031-01-01T00:00:00.000Z');
    expect(await getFrameworkJson(db.kysely, 'rdtii-2.1')).toEqual({ changed: true });
    expect(await getFrameworkJson(db.kysely, 'nope-1')).toBeNull();
    for (const m of modules) await m.seed?.(db.kysely, { clock });
    expect((await getFrameworkJson(db.kysely, 'rdtii-2.1')) as { id: string }).toMatchObject({ id: 'rdtii', version: '2.1' });
  });

  it('creates, updates and deletes measures, each with an audit row holding before and after', async () => {
    const input = measureInput.parse({ id: 'm1', iso3: 'PER', indicator_id: '7.1', category_id: '7.1.c', title: 'Ley 29733', coverage: 'horizontal', urls: ['https://a.pe/1', 'https://a.pe/2'] });
    const created = await createMeasure(db.kysely, input, at(1));
    expect(created).toMatchObject({ id: 'm1', status: 'in_force', framework_version: 'rdtii-2.1', urls: ['https://a.pe/1', 'https://a.pe/2'], created_at: at(1).at });
    await expect(createMeasure(db.kysely, input, at(2))).rejects.toBeInstanceOf(MeasureConflict);

    const updated = await updateMeasure(db.kysely, 'm1', { status: 'pending', description: 'awaiting regulation' }, at(3));
    expect(updated).toMatchObject({ status: 'pending', description: 'awaiting regulation', title: 'Ley 29733', created_at: at(1).at, updated_at: at(3).at });
    expect(await updateMeasure(db.kysely, 'nope', { status: 'pending' }, at(3))).toBeNull();

    const deleted = await deleteMeasure(db.kysely, 'm1', at(4));
    expect(deleted!.status).toBe('pending');
    expect(await listMeasures(db.kysely)).toEqual([]);
    expect(await deleteMeasure(db.kysely, 'm1', at(5))).toBeNull();

    const audit = await listAudit(db.kysely, { entityId: 'm1' });
    expect(audit.map((a) => a.action)).toEqual(['delete', 'update', 'create']);
    const [del, upd, cre] = audit;
    expect(cre.before).toBeNull();
    expect(JSON.parse(cre.after as string)).toEqual(created);
    expect(JSON.parse(upd.before as string)).toEqual(created);
    expect(JSON.parse(upd.after as string)).toEqual(updated);
    expect(del.after).toBeNull();
    expect(audit.every((a) => a.actor === 'ana' && a.entity === 'reg_measures')).toBe(true);
    seen.push(audit.map(({ id: _id, ...rest }) => rest));
  });

  it('imports measures by id (upsert) in a transaction, auditing only what changed; filters work', async () => {
    const rows = [
      { id: 'a', iso3: 'PER', indicator_id: '12.5', category_id: '12.5.c', title: 'Ley 29774', coverage: 'horizontal' },
      { id: 'b', iso3: 'CHL', indicator_id: '12.5', category_id: '12.5.b', title: 'Ley 21.713', coverage: 'horizontal', status: 'pending' },
      { id: 'c', iso3: 'CHL', indicator_id: '6.1', category_id: '6.1.c', title: 'Ley 19.628', coverage: 'sector' },
    ].map((r) => measureInput.parse(r));
    expect(await db.kysely.transaction().execute((tx) => importMeasures(tx, rows, at(10)))).toBe(3);
    expect(await db.kysely.transaction().execute((tx) => importMeasures(tx, rows, at(11)))).toBe(0);
    const changed = [{ ...rows[0], title: 'Ley 29774 (amended)' }];
    expect(await db.kysely.transaction().execute((tx) => importMeasures(tx, changed, at(12)))).toBe(1);
    const a = (await listMeasures(db.kysely, { economies: ['PER'] }))[0];
    expect(a).toMatchObject({ title: 'Ley 29774 (amended)', created_at: at(10).at, updated_at: at(12).at });
    expect((await listMeasures(db.kysely, { economies: ['CHL'], status: 'pending' })).map((m) => m.id)).toEqual(['b']);
    expect((await listMeasures(db.kysely, { indicators: ['12.5'] })).map((m) => m.id)).toEqual(['b', 'a']);
    expect((await listAudit(db.kysely, { entityId: 'a' })).map((r) => r.action)).toEqual(['import', 'import']);
    seen.push(await listMeasures(db.kysely));
  });

  it('writes and lists the cyberlaw tracker, treaties and de minimis; unknown stays as given', async () => {
    await writeCyberlaw(
      db.kysely,
      [
        { iso3: 'SGP', area: 'Consumer Protection', status: 'No Legislation', flagged: 'act exists', source_id: 's' },
        { iso3: 'SGP', area: 'Cybercrime', status: 'Legislation', flagged: null, source_id: 's' },
      ],
      [{ iso3: 'SGP', area: 'Cybercrime', url: 'https://sso.agc.gov.sg/x', title: 'Cybersecurity Act', source_id: 's' }],
    );
    // Statuses again without links keep the laws.
    await writeCyberlaw(db.kysely, [{ iso3: 'SGP', area: 'Cybercrime', status: 'Legislation', flagged: null, source_id: 's' }], null);
    const cyber = await listCyberlaw(db.kysely, { economies: ['SGP'] });
    expect(cyber.statuses.map((s) => [s.area, s.status, s.flagged])).toEqual([
      ['Consumer Protection', 'No Legislation', 'act exists'],
      ['Cybercrime', 'Legislation', null],
    ]);
    expect(cyber.laws).toHaveLength(1);

    await writeTreaties(db.kysely, [
      { iso3: 'PER', instrument: 'wipo_pct', status: 'party', date: '2009-06-06', source_url: 'https://x', source_date: '2022', notes: null, source_id: 's' },
      { iso3: 'PER', instrument: 'un_ecc_2005', status: 'unknown', date: null, source_url: null, source_date: null, notes: 'not confirmed', source_id: 's' },
    ]);
    await writeTreaties(db.kysely, [{ iso3: 'PER', instrument: 'wipo_pct', status: 'party', date: '2009-06-06', source_url: 'https://y', source_date: '2025', notes: null, source_id: 's' }]);
    const t = await listTreaties(db.kysely, { economies: ['PER'] });
    expect(t.map((r) => [r.instrument, r.status, r.source_url])).toEqual([['un_ecc_2005', 'unknown', null], ['wipo_pct', 'party', 'https://y']]);
    expect(await listTreaties(db.kysely, { instruments: ['wipo_pct'] })).toHaveLength(1);

    const row = { iso3: 'PER', kind: 'both', amount: '200', amount_value: 200, currency: 'USD', usd_approx: 200, basis: null, channel: 'express', effective_from: '2011', source_type: 'other', source_url: null, source_date: null, notes: null, source_id: 's' };
    await writeDeMinimis(db.kysely, [row, { ...row, kind: 'tax', amount: 'none', amount_value: null, usd_approx: null }]);
    await writeDeMinimis(db.kysely, [row]);
    const d = await listDeMinimis(db.kysely, { economies: ['PER'] });
    expect(d).toEqual([row]);
    expect(await listDeMinimis(db.kysely, { kind: 'tax' })).toEqual([]);

    expect(await regulationStats(db.kysely)).toMatchObject({ reg_measures: 3, cyberlaw_statuses: 2, treaty_statuses: 2, de_minimis_rows: 1 });
    seen.push(cyber, t, d);
  });
});

describe('both engines', () => {
  it('answered the same', () => {
    expect(answered.duckdb).toBeDefined();
    expect(answered.postgres).toBe(answered.duckdb);
  });
});
