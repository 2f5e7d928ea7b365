// One source for the methodology (issue #15): docs/methodology.md must be exactly what the
// per-module files of docs/methodology/ make, and every module has its Spanish page.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMethodologyDoc, METHODOLOGY_DOC, methodologyModules } from '../scripts/methodology-docs.js';

describe('methodology, one source', () => {
  it('docs/methodology.md is what docs/methodology/*.md make (run `npm run docs:methodology`)', () => {
    expect(readFileSync(METHODOLOGY_DOC, 'utf8')).toBe(buildMethodologyDoc());
  });

  it('every module has its English and Spanish file, each opening with its title', () => {
    const modules = methodologyModules();
    expect(modules.length).toBeGreaterThanOrEqual(10);
    for (const id of modules) {
      for (const file of [`${id}.md`, `${id}.es.md`]) {
        const path = new URL(`../docs/methodology/${file}`, import.meta.url);
        expect(existsSync(path), file).toBe(true);
        expect(readFileSync(path, 'utf8'), file).toMatch(/^## \S/);
      }
    }
  });
});
