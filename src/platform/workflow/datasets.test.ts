import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { CAST, callAs, testAuthenticator } from '../../../test/support/principals.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { entryKey } from '../../modules/directory/compute.js';
import { modules } from '../../modules.js';
import { createApp, type App } from '../../server.js';
import { loadConfig } from '../config.js';
import { createLog } from '../log.js';
import type { AppContext } from '../module.js';

// The editorial workflow over the other edited datasets (issue #13), on both engines, through the
// API: directory entries (the full loop: propose, review, publish, history, revert, roles),
// trade-facilitation statuses, BPA cases (procedures as one JSON field) and regulatory measure
// records; the direct write routes answer to roles.

const NOW = new Date('2025-06-01T10:00:00Z');
const dir = csvRecords(readFileSync(join(SHARED_DATA, 'directory/directory.csv'), 'utf8'));
const idOf = (r: Record<string, string>) => entryKey(r.iso3, r.role, r.name_local, r.source_url || null);
const PER = dir.find((r) => r.iso3 === 'PER')!;
const CHL = dir.find((r) => r.iso3 === 'CHL')!;
const PER_ID = idOf(PER);
const CHL_ID = idOf(CHL);

const call = callAs;

describe.each(engines)('editorial workflow over the edited datasets on %s', (engine) => {
  let app: App;
  let ctx: AppContext;
  beforeAll(async () => {
    const db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
    ctx = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }), log: createLog('error', () => {}), clock: () => NOW, fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch };
    await importFiles(ctx, [join(SHARED_DATA, 'directory'), join(SHARED_DATA, 'facilitation'), join(SHARED_DATA, 'processes')]);
    app = createApp(ctx, { authenticate: testAuthenticator(CAST) });
  }, 180_000);
  afterAll(async () => {
    await ctx?.db.close();
  });

  const entry = async (id: string) => (await call(app, 'GET', `/api/directory/entries?economy=${id.slice(4, 7).toUpperCase()}`)).body.rows.find((r: any) => r.id === id);
  const publish = async (id: string) => {
    expect((await call(app, 'POST', `/api/-/drafts/${id}/approve`, 'reviewer', {})).status).toBe(200);
    const res = await call(app, 'POST', `/api/-/drafts/${id}/publish`, 'reviewer', {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.draft;
  };

  it('directory: a Peru focal point proposes, a reviewer publishes, the history shows it and a revert restores the old value', async () => {
    const before = await entry(PER_ID);
    expect(before).toBeTruthy();
    const name_en = `${before.name_en ?? before.name_local} (renamed)`;
    const d = (await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'directory_entries', entity_id: PER_ID, changes: { name_en }, submit: true })).body.draft;
    expect(d).toMatchObject({ status: 'submitted', economy: 'PER', diff: [{ field: 'name_en', before: before.name_en ?? null, after: name_en }] });
    expect(d.page).toBe(`/directory?entry=${PER_ID}`);
    expect((await entry(PER_ID)).name_en).toBe(before.name_en);
    await publish(d.id);
    expect((await entry(PER_ID)).name_en).toBe(name_en);

    const history = (await call(app, 'GET', `/api/-/history/directory_entries/${PER_ID}`)).body.rows;
    expect(history.map((r: any) => r.action)).toEqual(expect.arrayContaining(['update', 'draft_publish', 'draft_approve', 'draft_submit']));
    const update = history.find((r: any) => r.action === 'update');
    expect(JSON.parse(update.after).name_en).toBe(name_en);
    expect(update.actor).toBe(CAST.reviewer.name);
    expect((await call(app, 'POST', `/api/-/history/directory_entries/${PER_ID}/revert`, 'fp-per', { audit_id: update.id })).status).toBe(403);
    const reverted = await call(app, 'POST', `/api/-/history/directory_entries/${PER_ID}/revert`, 'reviewer', { audit_id: update.id, comment: 'Wrong body' });
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(reverted.body.diff).toEqual([{ field: 'name_en', before: name_en, after: before.name_en ?? null }]);
    expect((await entry(PER_ID)).name_en).toBe(before.name_en);
  });

  it('directory: the focal point cannot propose for Chile; the direct write routes are for reviewers and admins', async () => {
    const chl = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'directory_entries', entity_id: CHL_ID, changes: { note: 'x' } });
    expect(chl.status).toBe(403);
    expect(chl.body.error).toMatch(/CHL/);
    // Proposing is not writing: the focal point's own economy is refused on the direct route too.
    expect((await call(app, 'POST', `/api/directory/entries/${PER_ID}`, 'fp-per', { note: 'x' })).status).toBe(403);
    expect((await call(app, 'POST', `/api/directory/entries/${PER_ID}`, 'contributor', { note: 'x' })).status).toBe(403);
    const direct = await call(app, 'POST', `/api/directory/entries/${CHL_ID}`, 'reviewer2', { note: 'Checked by phone' });
    expect(direct.status).toBe(200);
    // The audit log names the account, not a header it could send.
    const audit = (await call(app, 'GET', `/api/-/history/directory_entries/${CHL_ID}`)).body.rows;
    expect(audit[0]).toMatchObject({ action: 'update', actor: CAST.reviewer2.name });
  });

  it('directory: bad changes are refused by the module\'s schema, naming the field', async () => {
    const bad = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'directory_entries', entity_id: PER_ID, changes: { official_url: 'not a url' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.join(' ')).toMatch(/official_url/);
    const fixed = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'directory_entries', entity_id: PER_ID, changes: { iso3: 'CHL' } });
    expect(fixed.status).toBe(400);
    expect(fixed.body.error).toMatch(/iso3/);
  });

  it('trade facilitation: a status is proposed with its source, published, and shown by the public API', async () => {
    const statuses = (await call(app, 'GET', '/api/facilitation/statuses?country=PRY&_size=max')).body.rows;
    expect(statuses.length).toBeGreaterThan(0);
    const s = statuses.find((x: any) => x.status !== 3) ?? statuses[0];
    const id = `${s.iso3}/${s.round}/${s.measure}`;
    const next = s.status === 3 ? 2 : 3;
    // Paraguay's status is not the Peru focal point's to propose.
    expect((await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'tf_statuses', entity_id: id, changes: { status: next } })).status).toBe(403);
    const bad = await call(app, 'POST', '/api/-/drafts', 'contributor', { entity: 'tf_statuses', entity_id: id, changes: { status: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.join(' ')).toMatch(/status/);
    const d = await call(app, 'POST', '/api/-/drafts', 'contributor', { entity: 'tf_statuses', entity_id: id, changes: { status: next, source_url: 'https://www.gob.pe/mincetur', note: 'Implemented in 2025' }, submit: true });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body.draft.diff.map((x: any) => x.field)).toEqual(['status', 'source_url', 'note']);
    await publish(d.body.draft.id);
    const after = (await call(app, 'GET', '/api/facilitation/statuses?country=PRY&_size=max')).body.rows.find((x: any) => x.round === s.round && x.measure === s.measure);
    expect(after.status).toBe(next);
    const history = (await call(app, 'GET', `/api/-/history/tf_statuses/${encodeURIComponent(id)}`)).body.rows;
    expect(history[0].action).toBe('draft_publish');
    expect(history.some((r: any) => r.action === 'update')).toBe(true);
  });

  it('BPA cases: procedures are one field checked by the module\'s schema and the steps\' graph', async () => {
    const cases = (await call(app, 'GET', '/api/processes/cases')).body.rows;
    const c = cases.find((x: any) => x.exporter === 'PER') ?? cases.find((x: any) => x.exporter);
    expect(c, 'a case with an exporter').toBeTruthy();
    const doc = (await call(app, 'GET', `/api/processes/cases/${c.id}`)).body.case;
    const who = c.exporter === 'PER' ? 'fp-per' : 'contributor';
    // A step that waits for itself is a cycle: refused before any draft exists.
    const procedures = structuredClone(doc.procedures);
    const step = procedures.flatMap((p: any) => p.steps)[0];
    expect(step, 'a case with steps').toBeTruthy();
    step.predecessors = [step.id];
    const cyclic = await call(app, 'POST', '/api/-/drafts', who, { entity: 'bpa_cases', entity_id: c.id, changes: { procedures } });
    expect(cyclic.status).toBe(400);
    expect(cyclic.body.errors.join(' ')).toMatch(/procedures/);
    const renamed = structuredClone(doc.procedures);
    renamed[0].name = `${renamed[0].name} (checked)`;
    const d = await call(app, 'POST', '/api/-/drafts', who, { entity: 'bpa_cases', entity_id: c.id, changes: { procedures: renamed, notes: 'Procedure name checked' }, submit: true });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body.draft.diff.map((x: any) => x.field)).toEqual(['notes', 'procedures']);
    await publish(d.body.draft.id);
    const now = (await call(app, 'GET', `/api/processes/cases/${c.id}`)).body.case;
    expect(now.procedures[0].name).toBe(renamed[0].name);
    expect(now.notes).toBe('Procedure name checked');
    expect(now.title).toBe(doc.title);
  });

  it('regulatory measures: a record made by a reviewer is corrected through a draft by its economy\'s focal point', async () => {
    const created = await call(app, 'POST', '/api/regulation/measures', 'reviewer', { iso3: 'PER', indicator_id: '12.5', title: 'Ley de Protección de Datos Personales', coverage: 'horizontal', urls: ['https://www.gob.pe/ley-29733'] });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.measure.id;
    expect((await call(app, 'POST', `/api/regulation/measures/${id}`, 'fp-per', { title: 'x' })).status).toBe(403);
    const d = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'reg_measures', entity_id: id, changes: { title: 'Ley N.º 29733, de Protección de Datos Personales', in_force_since: '2011-07-03' }, submit: true });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    const bad = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'reg_measures', entity_id: id, changes: { in_force_since: 'July 2011' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.join(' ')).toMatch(/in_force_since/);
    await publish(d.body.draft.id);
    const m = (await call(app, 'GET', `/api/regulation/measures?economy=PER`)).body.rows.find((r: any) => r.id === id);
    expect(m).toMatchObject({ title: 'Ley N.º 29733, de Protección de Datos Personales', in_force_since: '2011-07-03', urls: ['https://www.gob.pe/ley-29733'] });
  });
});
