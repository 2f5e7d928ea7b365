import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureAdminToken } from './cli-support.js';
import { openDatabase } from './db/index.js';
import { writePrivateFile } from './private-file.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'puente-private-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const mode = (p: string) => statSync(p).mode & 0o777;

describe('files under var/ are owner-only and never written through a symlink', () => {
  it('the admin token file is 0600 in a 0700 folder made for it', () => {
    const file = join(tmp(), 'var', 'admin-token');
    const token = ensureAdminToken(undefined, file);
    expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
    expect(mode(file)).toBe(0o600);
    expect(mode(join(file, '..'))).toBe(0o700);
  });

  it('a symlink planted at the token path is replaced, and what it pointed to is left alone', () => {
    const dir = tmp();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n', { mode: 0o644 });
    const file = join(dir, 'admin-token');
    symlinkSync(victim, file);
    const token = ensureAdminToken(undefined, file);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
    expect(mode(file)).toBe(0o600);
  });

  it('writePrivateFile leaves no temp file behind, and a folder at the path is an error, not a write elsewhere', () => {
    const dir = tmp();
    writePrivateFile(join(dir, 'a'), 'x');
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('x');
    const taken = join(dir, 'taken');
    writePrivateFile(join(taken, 'inner'), 'y');
    expect(() => writePrivateFile(taken, 'z')).toThrow();
    expect(readFileSync(join(taken, 'inner'), 'utf8')).toBe('y');
    expect(existsSync(join(dir, 'a'))).toBe(true);
    expect(readdirSync(dir).filter((f: string) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a DuckDB database file (and its folder when made for it) is owner-only, also one made before the rule', async () => {
    const dir = join(tmp(), 'var');
    const file = join(dir, 'puente.duckdb');
    const db = await openDatabase(`duckdb:${file}`);
    await db.kysely.schema.createTable('t').addColumn('x', 'integer').execute();
    await db.close();
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    chmodSync(file, 0o644);
    const again = await openDatabase(`duckdb:${file}`);
    await again.close();
    expect(mode(file)).toBe(0o600);
  });
});
