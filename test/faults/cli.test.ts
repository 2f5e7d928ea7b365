// Issue #16 item 1 and #23 row 4 / item 2: the CLI finds the running server wherever it listens,
// goes through it for writing commands, names the URL when it cannot reach it, shows progress,
// and Ctrl-C cancels the server's import (rolled back) or says plainly that it goes on.
import { lstatSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, countRows, DATA, freePort, killLeftovers, runPuente, spawnPuente, startServer, tempDir, TOKEN, waitForJob } from './support.js';

const cwd = tempDir('cli');
afterAll(async () => {
  await killLeftovers();
  rmSync(cwd, { recursive: true, force: true });
});

describe('the CLI and a running server', () => {
  it('finds the server on any port (import with progress, export, demo go through it); the record is private and never written through a link', async () => {
    const file = join(cwd, 'p.duckdb');
    const url = `duckdb:${file}`;
    const record = `${file}.server.json`;
    // A link planted where the record goes must not redirect the write.
    const victim = join(cwd, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, record);
    const server = await startServer({ DATABASE_URL: url }, cwd);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(record).isFile()).toBe(true);
    expect(statSync(record).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(record, 'utf8'))).toMatchObject({ url: server.url, pid: server.child.pid });

    // The CLI is not told the port (PORT unset: it would be 8080); it reads the record.
    const env = { DATABASE_URL: url, PUENTE_ADMIN_TOKEN: TOKEN };
    const imported = await runPuente(['import', join(DATA, 'countries'), join(DATA, 'marketplaces', 'registry')], env, cwd);
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toContain(`(the server at ${server.url} owns the database: importing through it)`);
    expect(imported.out).toMatch(/Reading files on the server \(\d+\)/);
    expect(imported.out).toMatch(/files, \d+ rows imported\./);

    const out = join(cwd, 'health.json');
    const exported = await runPuente(['export', '/api/-/health', '-o', out], env, cwd);
    expect(exported.code, exported.out).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).counts.countries).toBe(36);

    const demo = await runPuente(['demo', 'marketplaces'], env, cwd);
    expect(demo.code, demo.out).toBe(0);
    expect(demo.out).toContain(`(the server at ${server.url} owns the database: generating the demo through it)`);
    expect(demo.out).toMatch(/SYNTHETIC demo: \d+ websites/);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    // The record goes with the server; the database holds what went through it.
    expect(() => lstatSync(record)).toThrow();
    expect((await countRows(url, ['import_runs'])).import_runs).toBe(2);
  });

  it('names the URL when the server cannot be reached', async () => {
    const file = join(cwd, 'q.duckdb');
    // A record of a live process (this test) at an address where nothing listens.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    writeFileSync(`${file}.server.json`, JSON.stringify({ url: nowhere, pid: process.pid, version: 'x', database: file, started_at: '' }));
    const r = await runPuente(['import', join(DATA, 'countries')], { DATABASE_URL: `duckdb:${file}`, PUENTE_ADMIN_TOKEN: TOKEN }, cwd);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Cannot reach the Puente server at ${nowhere} (ECONNREFUSED)`);
    rmSync(`${file}.server.json`);
  });

  it('Ctrl-C on `puente import` cancels the server\'s job: rolled back, the command says so; a second Ctrl-C leaves it running and says how to follow it', async () => {
    const file = join(cwd, 'c.duckdb');
    const url = `duckdb:${file}`;
    const server = await startServer({ DATABASE_URL: url }, cwd);
    const env = { DATABASE_URL: url, PUENTE_ADMIN_TOKEN: TOKEN };

    const cli = spawnPuente(['import', DATA], env, cwd);
    await cli.waitFor(/importing through it/);
    let job: any;
    while (!job) [job] = (await (await admin(server.url, '/api/-/admin/jobs')).json()).rows;
    await waitForJob(server.url, job.id, (j) => j.status === 'running' && j.progress?.done >= 1);
    cli.child.kill('SIGINT');
    await cli.waitFor(new RegExp(`Cancelling import ${job.id} on the server at ${server.url.replace(/[.]/g, '\\.')}`));
    const { code } = await cli.exited;
    expect(code).toBe(1);
    expect(cli.text()).toMatch(/The job was cancelled \(cancelled by the client\); nothing it was writing was kept/);
    expect((await waitForJob(server.url, job.id, (j) => j.status !== 'running')).status).toBe('cancelled');

    const second = spawnPuente(['import', DATA], env, cwd);
    await second.waitFor(/importing through it/);
    let next: any;
    while (!next) next = (await (await admin(server.url, '/api/-/admin/jobs')).json()).rows.find((j: any) => j.id !== job.id);
    await waitForJob(server.url, next.id, (j) => j.status === 'running' && j.progress?.done >= 1);
    second.child.kill('SIGINT');
    await second.waitFor(/Cancelling import/);
    second.child.kill('SIGINT');
    await second.exited;
    expect(second.text()).toMatch(new RegExp(`Stopped following import job_\\w+ on the server at ${server.url.replace(/[.]/g, '\\.')} .*Follow it with GET`));

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect((await countRows(url, ['import_runs'])).import_runs).toBe(0);
  });

  it('Ctrl-C on `puente import` without a server: the import is cancelled, nothing written, exit 130', async () => {
    const file = join(cwd, 'd.duckdb');
    const env = { DATABASE_URL: `duckdb:${file}` };
    expect((await runPuente(['export', '/api/-/health', '-o', join(cwd, 'h2.json')], env, cwd)).code).toBe(0);
    const cli = spawnPuente(['import', DATA], env, cwd);
    await cli.waitFor(/Reading files \(\d+\)/);
    cli.child.kill('SIGINT');
    expect((await cli.exited).code).toBe(130);
    expect(cli.text()).toMatch(/Cancelling the import \(nothing of it will be kept\)/);
    expect(cli.text()).toMatch(/Import cancelled: nothing was imported\./);
    expect((await countRows(`duckdb:${file}`, ['import_runs', 'indicator_values'])).import_runs).toBe(0);
  });
});
