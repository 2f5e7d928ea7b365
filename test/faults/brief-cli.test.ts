// Issue #15 item 1: `puente export brief PER --lang es -o peru.pdf` writes the country brief's PDF,
// through a running server on a port the CLI is not told (it reads the server's record), and
// in-process when no server runs. The PDF's text carries Peru's internet-users figure from the file.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { DATA, killLeftovers, runPuente, startServer, tempDir, TOKEN } from './support.js';

const cwd = tempDir('brief-cli');
afterAll(async () => {
  await killLeftovers();
  rmSync(cwd, { recursive: true, force: true });
});

async function textOf(file: string): Promise<string> {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) text += (await (await pdf.getPage(p)).getTextContent()).items.map((i: any) => i.str).join(' ').replace(/[ \t]+/g, ' ') + '\n';
  return text;
}

function perInternetUsers(): string {
  const rows = csvRecords(readFileSync(join(DATA, 'indicators/internet_users_fealac.csv'), 'utf8')).filter((r) => r.iso3 === 'PER' && r.indicator_code === 'IT.NET.USER.ZS' && r.value !== '');
  const last = rows.sort((a, b) => Number(b.year) - Number(a.year))[0];
  return `${new Intl.NumberFormat('es', { maximumFractionDigits: 1 }).format(Number(last.value))} (${last.year})`;
}

describe('puente export brief', () => {
  it('writes the PDF through a running server on a non-default port, and without one', async () => {
    const url = `duckdb:${join(cwd, 'b.duckdb')}`;
    const env = { DATABASE_URL: url, PUENTE_ADMIN_TOKEN: TOKEN };
    const server = await startServer({ DATABASE_URL: url }, cwd);
    expect(server.port).not.toBe(8080);
    const imported = await runPuente(['import', join(DATA, 'countries'), join(DATA, 'indicators')], env, cwd);
    expect(imported.code, imported.out).toBe(0);

    const served = join(cwd, 'peru.pdf');
    const r = await runPuente(['export', 'brief', 'PER', '--lang', 'es', '-o', served], env, cwd);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`bytes to ${served}`);
    const text = await textOf(served);
    expect(text).toContain('Ficha de país');
    expect(text).toContain(`Usuarios de Internet (% de la población): ${perInternetUsers()}`);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    const local = join(cwd, 'peru-local.pdf');
    const r2 = await runPuente(['export', 'brief', 'per', '--lang', 'es', '-o', local], env, cwd);
    expect(r2.code, r2.out).toBe(0);
    expect(await textOf(local)).toContain(`Usuarios de Internet (% de la población): ${perInternetUsers()}`);

    // Bad input: a clear message, no file, no stack.
    const bad = await runPuente(['export', 'brief', 'XXX', '-o', join(cwd, 'x.pdf')], env, cwd);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('XXX is not one of the 36 FEALAC economies');
    expect(bad.out).not.toMatch(/\n\s+at /);
    const none = await runPuente(['export', 'brief'], env, cwd);
    expect(none.code).toBe(2);
    expect(none.out).toContain('give the economy');
  });
});
