import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { get, json } from '../../../test/support/app.js';
import { csvRecords } from '../../../test/support/csv.js';
import { freshDatabase } from '../../../test/support/engines.js';
import { SHARED_DATA } from '../../../test/support/shared-data.js';
import { importFiles } from '../../bootstrap.js';
import { loadConfig } from '../../platform/config.js';
import { createLog } from '../../platform/log.js';
import type { AppContext } from '../../platform/module.js';
import { modules } from '../../modules.js';
import { createApp, type App } from '../../server.js';

const NOW = new Date('2025-05-01T10:00:00Z');
const EDITOR = 'e'.repeat(24);

async function setup(editor: string | undefined): Promise<{ app: App; ctx: AppContext }> {
  const db = await freshDatabase('duckdb');
  for (const m of modules) await m.seed?.(db.kysely, { clock: () => NOW });
  const ctx: AppContext = {
    db,
    config: loadConfig({ PUENTE_LOG_LEVEL: 'silent', ...(editor ? { PUENTE_EDITOR_TOKEN: editor } : {}) }),
    log: createLog('error', () => {}),
    clock: () => NOW,
    fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch,
  };
  await importFiles(ctx, [join(SHARED_DATA, 'support'), join(SHARED_DATA, 'directory')]);
  return { app: createApp(ctx), ctx };
}

const post = (app: App, path: string, body: unknown, token?: string) =>
  app.fetch(new Request(`http://puente.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-puente-actor': 'agency@per', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }));

describe('support and directory API', async () => {
  const { app, ctx } = await setup(EDITOR);

  it('the matrix download equals the table, cell for cell', async () => {
    const path = '/api/support/matrix/types?economy=PER&peers=pacific-alliance';
    const body = await json(app, path);
    expect(body.rows.map((r: any) => r.iso3)).toEqual(['PER', 'CHL', 'COL', 'MEX']);
    expect(body.peer_group).toBe('Pacific Alliance');
    const csv = csvRecords(await (await get(app, path.replace('/types?', '/types.csv?'))).text());
    expect(csv).toHaveLength(body.rows.length);
    csv.forEach((row, i) => {
      for (const [k, v] of Object.entries(body.rows[i])) expect(row[k], `${row.iso3}.${k}`).toBe(String(v));
    });
  });

  it('gaps are types in at least k peers and none at home, consistent with the matrix; k and the target filter change them', async () => {
    const matrix = (await json(app, '/api/support/matrix/types?economy=PER&peers=pacific-alliance')).rows;
    const home = matrix[0];
    for (const k of [1, 2, 3]) {
      const gaps = await json(app, `/api/support/gaps/PER?peers=pacific-alliance&k=${k}`);
      expect(gaps.k).toBe(k);
      const expected = gaps.home_codes.length >= 0 ? Object.keys(home).filter((c) => !['iso3', 'name_en', 'role', 'programmes'].includes(c) && home[c] === 0 && matrix.slice(1).filter((r: any) => r[c] > 0).length >= k) : [];
      expect(gaps.rows.map((g: any) => g.code).sort()).toEqual(expected.sort());
      for (const g of gaps.rows) expect(g.peers).toEqual(matrix.slice(1).filter((r: any) => r[g.code] > 0).map((r: any) => r.iso3).sort());
    }
    const women = await json(app, '/api/support/gaps/PER?peers=fealac&k=1&target=women~first_time_exporters~digital_exporters');
    expect(women.target).toEqual(['women', 'first_time_exporters', 'digital_exporters']);
    const programmes = (await json(app, '/api/support/programmes?target=women~first_time_exporters~digital_exporters&_size=max')).rows;
    for (const g of women.rows) {
      for (const id of g.programme_ids) {
        const p = programmes.find((x: any) => x.id === id);
        expect(p, id).toBeTruthy();
        expect(p.types).toContain(g.code);
        expect(p.iso3).not.toBe('PER');
      }
    }
  });

  it('maturity per type is the highest stage stated; none stated in the shared file, so unknown', async () => {
    const body = await json(app, '/api/support/matrix/types?economy=CHL&peers=list&country=PER');
    const chl = body.rows[0];
    for (const code of body.codes) {
      if (chl[code] > 0) expect(body.maturity.CHL[code], code).toBeNull();
      else expect(body.maturity.CHL).not.toHaveProperty(code);
    }
  });

  it('similarity is the Jaccard index of the type sets', async () => {
    const sim = await json(app, '/api/support/similarity/PER?peers=pacific-alliance');
    for (const r of sim.rows) {
      const union = r.shared.length + r.home_only.length + r.peer_only.length;
      expect(r.jaccard).toBeCloseTo(r.shared.length / union, 12);
    }
  });

  it('peer groups: FEALAC, region, a sub-regional group, a chosen list; no income group, said so', async () => {
    expect((await json(app, '/api/support/matrix/types?economy=PER&peers=region')).rows).toHaveLength(20);
    expect((await json(app, '/api/support/matrix/types?peers=list&country=CHL~JPN')).rows.map((r: any) => r.iso3)).toEqual(['CHL', 'JPN']);
    const bad = await (await get(app, '/api/support/gaps/PER?peers=upper-middle-income')).json();
    expect(bad.status).toBe(400);
    expect(bad.error).toMatch(/peers: "upper-middle-income" is not a known peer group .*no income group is held/);
    expect((await get(app, '/api/support/gaps/PER?peers=list')).status).toBe(400);
    expect((await get(app, '/api/support/gaps/ZZZ')).status).toBe(404);
    expect((await get(app, '/api/support/programmes?type=trainng')).status).toBe(400);
  });

  it('programmes: search in English and Spanish, a programme page, unplaced terms listed', async () => {
    const es = await json(app, '/api/support/programmes?q=capacitacion');
    const en = await json(app, '/api/support/programmes?type=training&_size=max');
    expect(es.rows.length).toBeGreaterThan(0);
    for (const r of es.rows.filter((x: any) => x.types.includes('training'))) expect(en.rows.map((x: any) => x.id)).toContain(r.id);
    const one = await json(app, `/api/support/programmes/${en.rows[0].id}`);
    expect(one.programme.id).toBe(en.rows[0].id);
    expect(one.sources.length).toBe(1);
    expect((await get(app, '/api/support/programmes/no-such-programme')).status).toBe(404);
    const unplaced = await json(app, '/api/support/unplaced');
    const all = (await json(app, '/api/support/programmes?_size=max')).rows;
    const listed = unplaced.rows.reduce((n: number, u: any) => n + u.programmes, 0);
    expect(listed).toBe(all.reduce((n: number, p: any) => n + p.unplaced_types.length + p.unplaced_targets.length, 0));
  });

  it('edits need the editor token, land in the audit log, and show at once', async () => {
    const id = (await json(app, '/api/support/programmes?economy=PER')).rows[0].id;
    expect((await post(app, `/api/support/programmes/${id}`, { stage: 'evaluated' })).status).toBe(401);
    const ok = await post(app, `/api/support/programmes/${id}`, { stage: 'evaluated', agency: 'PRODUCE (corrected)' }, EDITOR);
    expect(ok.status).toBe(200);
    expect((await json(app, `/api/support/programmes/${id}`)).programme).toMatchObject({ stage: 'evaluated', agency: 'PRODUCE (corrected)' });
    const audit = await json(app, `/api/support/audit?entity_id=${id}`);
    expect(audit.rows[0]).toMatchObject({ actor: 'agency@per', action: 'update', entity: 'support_programmes' });
    expect((await post(app, `/api/support/programmes/${id}`, { stage: 'finished' }, EDITOR)).status).toBe(400);
    const entry = (await json(app, '/api/directory/entries?economy=PER&role=customs')).rows[0];
    const fixed = await post(app, `/api/directory/entries/${entry.id}`, { official_url: 'https://www.sunat.gob.pe/', to_verify: false }, EDITOR);
    expect(fixed.status).toBe(200);
    expect((await json(app, `/api/directory/audit?entity_id=${entry.id}`)).rows).toHaveLength(1);

    const closed = await setup(undefined);
    expect((await post(closed.app, `/api/support/programmes/${id}`, { stage: 'evaluated' }, EDITOR)).status).toBe(403);
    await closed.ctx.db.close();
  });

  it('directory: coverage 36 × role shows the gaps; vCards are one per entry; known changes are shown, not dropped', async () => {
    const cov = await json(app, '/api/directory/coverage');
    expect(cov.rows).toHaveLength(36);
    const entries = (await json(app, '/api/directory/entries?_size=max')).rows;
    for (const r of cov.rows) for (const role of cov.roles) expect(r[role], `${r.iso3} ${role}`).toBe(entries.filter((e: any) => e.iso3 === r.iso3 && e.role === role).length);
    const vcard = await json(app, '/api/directory/vcard?economy=MEX');
    const mex = entries.filter((e: any) => e.iso3 === 'MEX');
    expect(vcard.count).toBe(mex.length);
    const cards = (ICAL.parse(vcard.vcard) as unknown as unknown[]).map((c) => new ICAL.Component(c as never));
    expect(cards).toHaveLength(mex.length);
    const inai = mex.find((e: any) => e.role === 'data_protection');
    expect(inai).toMatchObject({ change_kind: 'dissolved', to_verify: true });
    expect((await get(app, '/api/directory/vcard?economy=MEX&nope=1')).status).toBe(400);
    await ctx.db.close();
  });
});
