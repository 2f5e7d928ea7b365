// Every language has every message of English (plural forms aside), and every key the code
// uses exists. English and Spanish must be complete; the others are checked the same way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import es from './es.json';
import ja from './ja.json';
import ko from './ko.json';
import pt from './pt.json';
import zh from './zh.json';

type Tree = { [k: string]: string | Tree };

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}
/** `x_one`/`x_other` count as `x`: languages differ in plural forms. */
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
const set = (t: Tree) => new Set(keys(t).map(base));

describe('messages', () => {
  const reference = set(en as Tree);
  for (const [lang, messages] of Object.entries({ es, pt, zh, ja, ko })) {
    it(`${lang} has every English message`, () => {
      const have = set(messages as Tree);
      expect([...reference].filter((k) => !have.has(k))).toEqual([]);
      expect([...have].filter((k) => !reference.has(k))).toEqual([]);
    });
  }

  it('has every key the code asks for', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !reference.has(k))).toEqual([]);
  });
});
