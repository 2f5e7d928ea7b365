// Issue #23 rows 9-10 and item 5: a full disk during an import through the admin API, and `serve`
// on a database whose disk is still full. The disk is a small tmpfs (CI runs as root and can mount
// it); elsewhere the test says why it is skipped.
import { execFileSync } from 'node:child_process';
import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, countRows, DATA, killLeftovers, runPuente, startServer, tempDir } from './support.js';

const cwd = tempDir('disk');
const mnt = tempDir('full');
let mounted = '';
let why = '';
beforeAll(() => {
  try {
    // Room for the seeded database, not for the shared data on top of it.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt], { stdio: 'pipe' });
    mounted = mnt;
  } catch (err) {
    why = `cannot mount a small tmpfs here (${(err as Error).message.split('\n')[0]}); CI runs as root and can`;
  }
});
afterAll(async () => {
  await killLeftovers();
  if (mounted) execFileSync('umount', [mounted]);
  rmSync(mnt, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('imports answer 507 "no space left on device" (twice), the server goes on, and a restart on the full disk serves the same data', async (t) => {
    if (!mounted) return t.skip(why);
    const url = `duckdb:${join(mnt, 'p.duckdb')}`;
    expect((await runPuente(['import', join(DATA, 'countries')], { DATABASE_URL: url }, cwd)).code).toBe(0);
    // Fill the disk but for 64 KiB: the next import cannot write its journal.
    const { bavail, bsize } = statfsSync(mounted);
    writeFileSync(join(mounted, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - 64 * 1024)));
    const committed = await countRows(url, ['countries', 'import_runs', 'sources']);
    let server = await startServer({ DATABASE_URL: url }, cwd);
    for (let round = 0; round < 2; round++) {
      const res = await admin(server.url, '/api/-/admin/import', { paths: [join(DATA, 'indicators')] });
      expect(res.status).toBe(507);
      const body = await res.json();
      expect(body).toMatchObject({ ok: false, status: 507 });
      expect(body.error).toMatch(/No space left on device/);
      expect(body.error).toMatch(/nothing was written/);
      // The API shows no local path (the server's log and the CLI name the file).
      expect(body.error).not.toContain(mounted);
      expect((await fetch(`${server.url}/api/-/health`)).status).toBe(200);
    }
    const before = await (await fetch(`${server.url}/api/-/sources`)).text();
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // The disk is still full: the next start writes nothing, so it serves (never a native abort).
    for (let round = 0; round < 2; round++) {
      server = await startServer({ DATABASE_URL: url }, cwd);
      expect(await (await fetch(`${server.url}/api/-/sources`)).text()).toBe(before);
      const res = await admin(server.url, '/api/-/admin/import', { paths: [join(DATA, 'indicators')] });
      expect(res.status).toBe(507);
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.text()).not.toMatch(/FatalException|Aborted|core dumped/);
    }
    expect(await countRows(url, ['countries', 'import_runs', 'sources'])).toEqual(committed);
  });
});
