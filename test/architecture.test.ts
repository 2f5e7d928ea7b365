// The arrows of DESIGN.md, checked: platform imports no module; a module reaches another module
// only through its index.ts; schema.ts and compute.ts do no I/O.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]);
}

const rel = (f: string) => relative(src, f);

describe('dependency arrows', () => {
  it('src/platform imports no module and no composition root', () => {
    const bad = sources(join(src, 'platform')).flatMap((f) =>
      imports(f)
        .filter((i) => /modules\/|\.\.\/(server|cli|bootstrap|modules)\.js$/.test(i))
        .map((i) => `${rel(f)} -> ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('a module imports another module only through its index.ts', () => {
    const bad: string[] = [];
    for (const f of sources(join(src, 'modules'))) {
      const own = rel(f).split('/')[1];
      for (const i of imports(f)) {
        const m = /^(?:\.\.\/)+(?:modules\/)?(countries|indicators|marketplaces|regulation|processes)\/(.+)$/.exec(i);
        if (m && m[1] !== own && m[2] !== 'index.js') bad.push(`${rel(f)} -> ${i}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('schema.ts and compute.ts import no I/O', () => {
    const io = /^(node:|pg$|@duckdb|kysely$|hono|@hono)/;
    const bad = sources(join(src, 'modules'))
      .filter((f) => /\/(schema|compute)\.ts$/.test(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => /^import (?!type )/.test(l))
          .map((l) => /'([^']+)'/.exec(l)?.[1] ?? '')
          .filter((i) => io.test(i))
          .map((i) => `${rel(f)} -> ${i}`),
      );
    expect(bad).toEqual([]);
  });
});
