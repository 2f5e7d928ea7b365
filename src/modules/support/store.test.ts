import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { listAudit } from '../../platform/audit.js';
import { loadConfig } from '../../platform/config.js';
import type { Database, Engine } from '../../platform/db/index.js';
import { linkStatuses, recordLinkChecks } from '../../platform/links.js';
import { createLog } from '../../platform/log.js';
import type { AppContext } from '../../platform/module.js';
import { modules } from '../../modules.js';
import { contactsOf, entriesOf } from '../directory/index.js';
import { createEntry, deleteEntry, listEntries, updateEntry } from '../directory/store.js';
import { programmeKey } from './compute.js';
import { findProgrammes, programmesOf } from './routes.js';
import { createProgramme, deleteProgramme, getProgramme, listProgrammes, ProgrammeConflict, updateProgramme } from './store.js';

const NOW = new Date('2025-05-01T10:00:00Z');
const supportRows = csvRecords(readFileSync(join(SHARED_DATA, 'support/support_measures.csv'), 'utf8'));
const directoryRows = csvRecords(readFileSync(join(SHARED_DATA, 'directory/directory.csv'), 'utf8'));
const answered: Partial<Record<Engine, string>> = {};

describe.each(engines)('support and directory stores on %s', (engine) => {
  let db: Database;
  const seen: unknown[] = [];
  beforeAll(async () => {
    db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
    const ctx: AppContext = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }), log: createLog('error', () => {}), clock: () => NOW, fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch };
    await importFiles(ctx, [join(SHARED_DATA, 'support'), join(SHARED_DATA, 'directory')]);
  }, 120_000);
  afterAll(async () => {
    answered[engine] = JSON.stringify(seen);
    await db?.close();
  });

  it('imports every shared programme and directory row, text as read, each with its source', async () => {
    const programmes = await listProgrammes(db.kysely);
    expect(programmes).toHaveLength(supportRows.length);
    expect(new Set(programmes.map((p) => p.iso3)).size).toBe(new Set(supportRows.map((r) => r.iso3)).size);
    const first = supportRows[0];
    const stored = programmes.find((p) => p.id === programmeKey(first.iso3, first.programme))!;
    expect(stored).toMatchObject({ programme: first.programme, type_text: first.type || null, target_text: first.target || null, trust: first.trust || null, source_url: first.source_url || null });
    expect(stored.source_id).toMatch(/^src_/);
    const entries = await listEntries(db.kysely);
    expect(entries).toHaveLength(directoryRows.length);
    expect(entries.filter((e) => e.to_verify)).toHaveLength(directoryRows.filter((r) => r.k_flag === 'yes').length);
    seen.push(programmes.map((p) => [p.id, p.year_started, p.trust]), entries.map((e) => [e.id, e.to_verify, e.official_url]));
  });

  it('filters programmes by target traits and economy (what the export assistant asks)', async () => {
    const women = await findProgrammes(db.kysely, { targets: ['women'] });
    expect(women.length).toBeGreaterThan(0);
    expect(women.every((p) => p.targets.includes('women'))).toBe(true);
    const per = await findProgrammes(db.kysely, { economies: ['PER'], border: 'cross_border' });
    expect(per.every((p) => p.iso3 === 'PER' && p.border_scope === 'cross_border')).toBe(true);
    expect(per.length).toBe(supportRows.filter((r) => r.iso3 === 'PER' && r.cross_border === 'yes').length);
    seen.push(women.map((p) => p.id), per.map((p) => p.id));
  });

  it('full-text search in English and Spanish, accents and case ignored', async () => {
    const withAccent = await findProgrammes(db.kysely, { q: 'exportación' });
    const without = await findProgrammes(db.kysely, { q: 'EXPORTACION' });
    expect(withAccent.length).toBeGreaterThan(0);
    expect(without.map((p) => p.id)).toEqual(withAccent.map((p) => p.id));
    // Spanish vocabulary labels are searchable: "mujeres" finds programmes aimed at women.
    const mujeres = await findProgrammes(db.kysely, { q: 'mujeres' });
    expect(mujeres.length).toBeGreaterThan(0);
    for (const p of (await findProgrammes(db.kysely, { targets: ['women'] }))) expect(mujeres.map((m) => m.id)).toContain(p.id);
    expect(await findProgrammes(db.kysely, { q: 'zzqxv' })).toEqual([]);
  });

  it('edits write the record and its audit row together; a duplicate is a conflict', async () => {
    const who = { actor: 'agency-per', at: '2025-05-02T09:00:00.000Z' };
    const made = await createProgramme(db.kysely, { iso3: 'PER', programme: 'Mujeres Exportadoras Digitales', type_text: 'training; drone pilots', target_text: 'women', cross_border: 'yes' }, who);
    await expect(createProgramme(db.kysely, { iso3: 'PER', programme: 'Mujeres Exportadoras Digitales' }, who)).rejects.toBeInstanceOf(ProgrammeConflict);
    const [read] = await programmesOf(db.kysely, { ids: [made.id] });
    expect(read).toMatchObject({ types: ['training'], targets: ['women'], unplaced_types: ['drone pilots'], border_scope: 'cross_border' });
    const changed = await updateProgramme(db.kysely, made.id, { stage: 'implemented', year_started: 2024 }, { ...who, at: '2025-05-02T09:05:00.000Z' });
    expect(changed).toMatchObject({ stage: 'implemented', year_started: 2024, programme: 'Mujeres Exportadoras Digitales', created_at: who.at });
    expect(await deleteProgramme(db.kysely, made.id, { ...who, at: '2025-05-02T09:10:00.000Z' })).toMatchObject({ id: made.id });
    expect(await getProgramme(db.kysely, made.id)).toBeNull();
    const audit = await listAudit(db.kysely, { entity: 'support_programmes', entityId: made.id });
    expect(audit.map((a) => a.action)).toEqual(['delete', 'update', 'create']);
    expect(JSON.parse(audit[1].before as string).stage).toBeNull();
    expect(JSON.parse(audit[1].after as string).stage).toBe('implemented');

    const entry = await createEntry(db.kysely, { iso3: 'PER', role: 'trade_ministry', name_local: 'Ministerio de Comercio Exterior y Turismo (MINCETUR)', official_url: 'https://www.gob.pe/mincetur' }, who);
    const fixed = await updateEntry(db.kysely, entry.id, { name_en: 'Ministry of Foreign Trade and Tourism', to_verify: true }, who);
    expect(fixed).toMatchObject({ name_en: 'Ministry of Foreign Trade and Tourism', to_verify: true });
    const contacts = await contactsOf(db.kysely, 'PER', ['trade_ministry', 'customs']);
    expect(contacts.map((c) => c.role)).toEqual(['customs', 'trade_ministry']);
    await deleteEntry(db.kysely, entry.id, who);
    expect((await listAudit(db.kysely, { entity: 'directory_entries', entityId: entry.id })).map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('link checks are recorded per URL (last one wins) and shown on the rows that cite them', async () => {
    const [p] = (await programmesOf(db.kysely)).filter((x) => x.url);
    const [e] = (await entriesOf(db.kysely)).filter((x) => x.official_url);
    await recordLinkChecks(db.kysely, [
      { url: p.url!, status: 200, ok: true, final_url: null, error: null, checked_at: '2025-05-01T00:00:00.000Z' },
      { url: e.official_url!, status: null, ok: false, final_url: null, error: 'timeout after 10 ms', checked_at: '2025-05-01T00:00:00.000Z' },
    ]);
    await recordLinkChecks(db.kysely, [{ url: p.url!, status: 404, ok: false, final_url: null, error: 'HTTP 404', checked_at: '2025-05-03T00:00:00.000Z' }]);
    const [p2] = await programmesOf(db.kysely, { ids: [p.id] });
    expect(p2).toMatchObject({ url_status: 404, url_ok: false, url_checked_at: '2025-05-03T00:00:00.000Z' });
    const [e2] = await entriesOf(db.kysely, { ids: [e.id] });
    expect(e2).toMatchObject({ url_status: null, url_ok: false });
    expect((await linkStatuses(db.kysely, ['https://never.checked/'])).size).toBe(0);
    seen.push(p2.url_status, e2.url_ok);
  });
});

describe('both engines', () => {
  it('answered the same', () => {
    if (!answered.duckdb || !answered.postgres) return;
    expect(answered.postgres).toBe(answered.duckdb);
  });
});
