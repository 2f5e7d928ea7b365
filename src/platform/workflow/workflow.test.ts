import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../../../test/support/csv.js';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import { CAST, callAs, testAuthenticator } from '../../../test/support/principals.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { loadConfig } from '../config.js';
import { createLog } from '../log.js';
import type { AppContext } from '../module.js';
import { modules } from '../../modules.js';
import { programmeKey } from '../../modules/support/compute.js';
import { createApp, type App } from '../../server.js';

// The workflow on both engines, through the API, over the shared support programmes: a focal
// point for Peru proposes, a reviewer approves and publishes; the public API shows only what is
// published; history, revert, verification; the focal point cannot touch Chile.

const NOW = new Date('2025-06-01T10:00:00Z');
const rows = csvRecords(readFileSync(join(SHARED_DATA, 'support/support_measures.csv'), 'utf8'));
const peru = rows.find((r) => r.iso3 === 'PER')!;
const chile = rows.find((r) => r.iso3 === 'CHL')!;
const PER_ID = programmeKey(peru.iso3, peru.programme);
const CHL_ID = programmeKey(chile.iso3, chile.programme);

const currentVersion = async (app: App) => ((await (await app.fetch(new Request('http://puente.test/api/-/health'))).json()) as any).data_version as number;

const call = callAs;

describe.each(engines)('editorial workflow on %s', (engine) => {
  let app: App;
  let ctx: AppContext;
  beforeAll(async () => {
    const db = await freshDatabase(engine);
    for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
    ctx = { db, config: loadConfig({ PUENTE_LOG_LEVEL: 'silent' }), log: createLog('error', () => {}), clock: () => NOW, fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch };
    await importFiles(ctx, [join(SHARED_DATA, 'support')]);
    app = createApp(ctx, { authenticate: testAuthenticator(CAST) });
  }, 120_000);
  afterAll(async () => {
    await ctx?.db.close();
  });

  const publicProgramme = async (id: string) => (await call(app, 'GET', `/api/support/programmes/${id}`)).body.programme;

  it('a draft shows its diff, leaves the public entry alone until published, and publishing lands it with the audit log and a new data version', async () => {
    const before = await publicProgramme(PER_ID);
    const agency = `${before.agency ?? 'Agency'} (corrected)`;
    const created = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, changes: { agency } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const d = created.body.draft;
    expect(d.status).toBe('draft');
    expect(d.economy).toBe('PER');
    expect(d.diff).toEqual([{ field: 'agency', before: before.agency ?? null, after: agency }]);
    expect((await publicProgramme(PER_ID)).agency).toBe(before.agency);

    // Not in the queue until submitted; submitted by its author only.
    expect((await call(app, 'GET', '/api/-/review-queue', 'reviewer')).body.rows.map((r: any) => r.id)).not.toContain(d.id);
    expect((await call(app, 'POST', `/api/-/drafts/${d.id}/submit`, 'contributor', {})).status).toBe(403);
    const submitted = await call(app, 'POST', `/api/-/drafts/${d.id}/submit`, 'fp-per', { comment: 'The agency was renamed' });
    expect(submitted.body.draft.status).toBe('submitted');
    expect((await call(app, 'GET', '/api/-/review-queue', 'reviewer')).body.rows.map((r: any) => r.id)).toContain(d.id);
    // What an unpublished draft proposes is not public: the entry's history and the module's
    // audit say a draft was submitted, not its values; the admins' audit log has them.
    const submitRow = (rows: any[]) => rows.find((r: any) => r.action === 'draft_submit');
    for (const path of [`/api/-/history/support_programmes/${PER_ID}`, `/api/support/audit?entity_id=${PER_ID}`]) {
      const row = submitRow((await call(app, 'GET', path)).body.rows);
      expect(row, path).toBeDefined();
      expect(JSON.stringify(row), path).not.toContain(agency);
      expect(JSON.stringify(row), path).toContain(d.id);
    }
    const adminRow = submitRow((await call(app, 'GET', `/api/-/admin/audit?entity_id=${PER_ID}`, 'admin')).body.rows);
    expect(JSON.stringify(adminRow)).toContain(agency);
    // The queue is for reviewers; publishing needs an approval first.
    expect((await call(app, 'GET', '/api/-/review-queue', 'fp-per')).status).toBe(403);
    expect((await call(app, 'POST', `/api/-/drafts/${d.id}/publish`, 'reviewer', {})).status).toBe(409);
    expect((await call(app, 'POST', `/api/-/drafts/${d.id}/approve`, 'fp-per', {})).status).toBe(403);

    const approved = await call(app, 'POST', `/api/-/drafts/${d.id}/approve`, 'reviewer', {});
    expect(approved.body.draft.status).toBe('approved');
    expect((await publicProgramme(PER_ID)).agency).toBe(before.agency);

    const version = await currentVersion(app);
    const published = await call(app, 'POST', `/api/-/drafts/${d.id}/publish`, 'reviewer', {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.draft.status).toBe('published');
    expect(published.body.draft.reviewer).toBe(CAST.reviewer.name);
    expect((await publicProgramme(PER_ID)).agency).toBe(agency);
    expect(await currentVersion(app)).not.toBe(version);

    const audit = (await call(app, 'GET', `/api/support/audit?entity_id=${PER_ID}`)).body.rows;
    const actions = audit.map((r: any) => `${r.action} ${r.actor}`);
    expect(actions).toContain(`draft_submit ${CAST['fp-per'].name}`);
    expect(actions).toContain(`draft_approve ${CAST.reviewer.name}`);
    expect(actions).toContain(`draft_publish ${CAST.reviewer.name}`);
    expect(actions).toContain(`update ${CAST.reviewer.name}`);
    const history = (await call(app, 'GET', `/api/-/history/support_programmes/${PER_ID}`)).body.rows;
    expect(history.map((r: any) => r.id)).toEqual(audit.map((r: any) => r.id));
    const comments = published.body.draft.comments.map((x: any) => `${x.action}:${x.text ?? ''}`);
    expect(comments).toEqual(['create:', 'submit:The agency was renamed', 'approve:', 'publish:']);
  });

  it('a reviewer reverts a published change; the revert is in the history', async () => {
    const history = (await call(app, 'GET', `/api/-/history/support_programmes/${PER_ID}`)).body.rows;
    const update = history.find((r: any) => r.action === 'update');
    const was = JSON.parse(update.before).agency;
    expect((await call(app, 'POST', `/api/-/history/support_programmes/${PER_ID}/revert`, 'fp-per', { audit_id: update.id })).status).toBe(403);
    const reverted = await call(app, 'POST', `/api/-/history/support_programmes/${PER_ID}/revert`, 'reviewer', { audit_id: update.id });
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    expect(reverted.body.diff[0].field).toBe('agency');
    expect((await publicProgramme(PER_ID)).agency).toBe(was);
    expect((await call(app, 'GET', `/api/-/history/support_programmes/${PER_ID}`)).body.rows[0].action).toBe('revert');
    // Nothing left to undo.
    expect((await call(app, 'POST', `/api/-/history/support_programmes/${PER_ID}/revert`, 'reviewer', { audit_id: update.id })).status).toBe(409);
  });

  it('a focal point cannot propose or verify another economy\'s entries; readers cannot write at all', async () => {
    const chl = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'support_programmes', entity_id: CHL_ID, changes: { agency: 'x' } });
    expect(chl.status).toBe(403);
    expect(chl.body.error).toMatch(/CHL/);
    expect((await call(app, 'POST', '/api/-/verifications', 'fp-per', { entity: 'support_programmes', entity_id: CHL_ID, feedback: 'Correct', action_date: '2025-06-01' })).status).toBe(403);
    expect((await call(app, 'POST', '/api/-/drafts', undefined, { entity: 'support_programmes', entity_id: PER_ID, changes: { agency: 'x' } })).status).toBe(401);
    // A contributor may propose for any economy.
    expect((await call(app, 'POST', '/api/-/drafts', 'contributor', { entity: 'support_programmes', entity_id: CHL_ID, changes: { agency: 'Otra agencia' } })).status).toBe(200);
  });

  it('bad changes are refused with the field named, by the module\'s own schema', async () => {
    const bad = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, changes: { year_started: 1492 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.join(' ')).toMatch(/year_started/);
    const notEditable = await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, changes: { iso3: 'CHL' } });
    expect(notEditable.status).toBe(400);
    expect(notEditable.body.error).toMatch(/iso3/);
    expect((await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'nope', entity_id: PER_ID, changes: {} })).status).toBe(400);
    expect((await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'support_programmes', entity_id: 'no-such', changes: { agency: 'x' } })).status).toBe(404);
  });

  it('reject and request-changes need a comment; the author sees it, changes the draft and resubmits', async () => {
    const d = (await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, changes: { description: 'New text' }, submit: true })).body.draft;
    expect(d.status).toBe('submitted');
    expect((await call(app, 'POST', `/api/-/drafts/${d.id}/request-changes`, 'reviewer', {})).status).toBe(400);
    const back = await call(app, 'POST', `/api/-/drafts/${d.id}/request-changes`, 'reviewer', { comment: 'Cite the source' });
    expect(back.body.draft.status).toBe('changes_requested');
    const mine = (await call(app, 'GET', '/api/-/drafts?economy=PER', 'fp-per')).body.rows.find((r: any) => r.id === d.id);
    expect(mine.comments.at(-1)).toMatchObject({ action: 'request_changes', text: 'Cite the source' });
    const edited = await call(app, 'POST', `/api/-/drafts/${d.id}`, 'fp-per', { changes: { source_url: 'https://www.gob.pe/produce' } });
    expect(edited.body.draft.diff.map((x: any) => x.field)).toEqual(['description', 'source_url']);
    expect((await call(app, 'POST', `/api/-/drafts/${d.id}/submit`, 'fp-per', {})).body.draft.status).toBe('submitted');
    const rejected = await call(app, 'POST', `/api/-/drafts/${d.id}/reject`, 'reviewer2', { comment: 'Out of scope' });
    expect(rejected.body.draft.status).toBe('rejected');
    expect((await call(app, 'POST', `/api/-/drafts/${d.id}/submit`, 'fp-per', {})).status).toBe(409);
    expect((await publicProgramme(PER_ID)).description).not.toBe('New text');
    // Drafts are not public.
    expect((await call(app, 'GET', `/api/-/drafts/${d.id}`)).status).toBe(401);
    expect((await call(app, 'GET', `/api/-/drafts/${d.id}`, 'fp-chl')).status).toBe(403);
  });

  it('a draft made before another publish cannot overwrite it (409)', async () => {
    const a = (await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, changes: { as_of: '2025-01' }, submit: true })).body.draft;
    const b = (await call(app, 'POST', '/api/-/drafts', 'contributor', { entity: 'support_programmes', entity_id: PER_ID, changes: { as_of: '2025-02' }, submit: true })).body.draft;
    for (const x of [a, b]) await call(app, 'POST', `/api/-/drafts/${x.id}/approve`, 'reviewer', {});
    expect((await call(app, 'POST', `/api/-/drafts/${a.id}/publish`, 'reviewer', {})).status).toBe(200);
    const late = await call(app, 'POST', `/api/-/drafts/${b.id}/publish`, 'reviewer', {});
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/changed since this draft/);
    expect((await publicProgramme(PER_ID)).as_of).toBe('2025-01');
    expect((await call(app, 'GET', `/api/-/drafts/${b.id}`, 'reviewer')).body.draft.stale).toBe(true);
  });

  it('verification marks: Not correct needs the requested action; the latest mark is the public status, with a CSV twin', async () => {
    expect((await call(app, 'POST', '/api/-/verifications', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, feedback: 'Not correct', action_date: '2025-06-01' })).status).toBe(400);
    expect((await call(app, 'POST', '/api/-/verifications', 'reviewer', { entity: 'support_programmes', entity_id: PER_ID, feedback: 'Correct', action_date: '2025-06-01' })).status).toBe(403);
    const first = await call(app, 'POST', '/api/-/verifications', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, feedback: 'Not correct', requested_action: 'Update the agency name', action_date: '2025-05-30' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await call(app, 'POST', '/api/-/verifications', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, feedback: 'Correct', action_date: '2025-06-01' });
    const all = (await call(app, 'GET', `/api/-/verifications?entity=support_programmes&entity_id=${PER_ID}`)).body.rows;
    expect(all.map((v: any) => [v.feedback, v.latest])).toEqual([['Correct', true], ['Not correct', false]]);
    expect(all[1]).toMatchObject({ requested_action: 'Update the agency name', action_date: '2025-05-30', economy: 'PER', verifier: CAST['fp-per'].name });
    const latest = (await call(app, 'GET', '/api/-/verifications?economy=PER&latest=true')).body.rows;
    expect(latest.filter((v: any) => v.entity_id === PER_ID)).toHaveLength(1);
    const csv = await app.fetch(new Request(`http://puente.test/api/-/verifications.csv?entity_id=${PER_ID}`));
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\n')).toHaveLength(all.length + 1);
    expect((await call(app, 'GET', `/api/-/history/support_programmes/${PER_ID}`)).body.rows.filter((r: any) => r.action === 'verify')).toHaveLength(2);
  });

  it('a re-import of the same source keeps published corrections (and still writes the other programmes)', async () => {
    const d = (await call(app, 'POST', '/api/-/drafts', 'fp-per', { entity: 'support_programmes', entity_id: PER_ID, changes: { source_type: 'Corrected by the focal point' }, submit: true })).body.draft;
    await call(app, 'POST', `/api/-/drafts/${d.id}/approve`, 'reviewer', {});
    expect((await call(app, 'POST', `/api/-/drafts/${d.id}/publish`, 'reviewer', {})).status).toBe(200);
    const other = rows.find((r) => r.iso3 === 'MEX')!;
    const otherId = programmeKey(other.iso3, other.programme);
    const report = await importFiles(ctx, [join(SHARED_DATA, 'support')]);
    expect(JSON.stringify(report)).not.toMatch(/"errors":\[\{/);
    expect((await publicProgramme(PER_ID)).source_type).toBe('Corrected by the focal point');
    expect((await publicProgramme(otherId)).source_type).toBe(other.source_type || null);
  });
});
