import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLinkServer, type LinkServer } from '../../../test/support/link-server.js';
import { main } from '../../cli.js';

// `puente check links` as a user runs it, against a local HTTP server (never the internet).
const tmp = mkdtempSync(join(tmpdir(), 'puente-links-'));
const env = { DATABASE_URL: `duckdb:${join(tmp, 'p.duckdb')}`, PUENTE_LOG_LEVEL: 'silent' };

async function puente(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'puente', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('puente check links', () => {
  let s: LinkServer;
  beforeAll(async () => {
    s = await startLinkServer();
    const support = join(tmp, 'support_measures.csv');
    writeFileSync(
      support,
      'iso3,economy,programme,programme_en,agency,year_started,type,target,cross_border,ecommerce_focus,description,url,source_url,source_type,as_of,trust\n' +
        `PER,Peru,Programa Bueno,Good,PRODUCE,2020,training,MSMEs,yes,yes,d,${s.base}/ok,${s.base}/moved,official site,2024,A\n` +
        `PER,Peru,Programa Roto,Broken,PRODUCE,2021,training,MSMEs,yes,yes,d,${s.base}/missing,${s.base}/ok,official site,2024,A\n` +
        `CHL,Chile,Programa Lento,Slow,ProChile,,finance,SMEs,no,,d,${s.base}/slow,,news,,B\n`,
    );
    const directory = join(tmp, 'directory.csv');
    writeFileSync(
      directory,
      'iso3,economy,role,name_local,name_en,official_url,url_evidence,source_url,source_type,as_of,trust,k_flag,note\n' + `PER,Peru,customs,SUNAT,National Customs,${s.base}/moved,page,${s.base}/ok,official site,2024,A,no,\n`,
    );
    const imported = await puente('import', support, directory);
    expect(imported.code, imported.err).toBe(0);
  });
  afterAll(async () => {
    await s.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('visits every stored URL once, records status and date, and the API shows a broken link as broken', async () => {
    const r = await puente('check', 'links', '--timeout', '400', '--concurrency', '2');
    expect(r.code, r.err).toBe(0);
    // ok, moved, missing, slow: four distinct URLs.
    expect(r.out).toContain('4 URLs checked: 2 answered, 2 broken or unreachable.');
    expect(r.out).toContain(`404 ${s.base}/missing (HTTP 404)`);
    expect(r.out).toContain(`--- ${s.base}/slow (timeout after 400 ms)`);
    expect(s.hits.filter((h) => h.startsWith('HEAD /ok')).length).toBe(2); // once as /ok, once at the end of /moved

    const file = join(tmp, 'p.json');
    expect((await puente('export', '/api/support/programmes', '-o', file)).code).toBe(0);
    const rows = JSON.parse(readFileSync(file, 'utf8')).rows as { programme: string; url_ok: boolean | null; url_status: number | null; url_checked_at: string | null }[];
    const by = Object.fromEntries(rows.map((x) => [x.programme, x]));
    expect(by['Programa Bueno']).toMatchObject({ url_ok: true, url_status: 200 });
    expect(by['Programa Roto']).toMatchObject({ url_ok: false, url_status: 404 });
    expect(by['Programa Lento']).toMatchObject({ url_ok: false, url_status: null });
    expect(by['Programa Roto'].url_checked_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await puente('export', '/api/directory/entries', '-o', file)).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).rows[0]).toMatchObject({ official_url: `${s.base}/moved`, url_ok: true, url_status: 200 });
  });

  it('refuses a bad option with exit 2', async () => {
    expect((await puente('check', 'links', '--timeout', 'soon')).code).toBe(2);
  });
});
