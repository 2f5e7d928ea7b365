// Content translations (web/src/i18n/content/<lang>.json): the English reference is the data's
// own text, Spanish and Portuguese are complete, Chinese, Japanese and Korean have every name,
// and docs/translations.md lists what exists in which language.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/modules/indicators/catalogue';
import { DOC_FILE, END, renderSection, START } from '../../../scripts/translations-doc';
import framework from '../../../src/modules/regulation/frameworks/rdtii-2.1.json';
import en from './content/en.json';
import es from './content/es.json';
import ja from './content/ja.json';
import ko from './content/ko.json';
import pt from './content/pt.json';
import zh from './content/zh.json';

type Tree = { [k: string]: string | Tree };
function leaves(t: Tree, prefix = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}
const keys = (t: Tree) => leaves(t).map(([k]) => k);

/** The tables every language must have in full (names); the others may be partial outside es/pt. */
const NAME_TABLES = ['rdtii-2.1.pillar.', 'rdtii-2.1.indicator.'];

describe('content translations', () => {
  it('the English reference is the framework and catalogue text, id for id', () => {
    const fw = framework as { pillars: { id: string; name: string; indicators: { id: string; name: string; options: { id: string; criterion: string }[] }[] }[] };
    const expected = {
      'rdtii-2.1': {
        pillar: Object.fromEntries(fw.pillars.map((p) => [p.id, p.name])),
        indicator: Object.fromEntries(fw.pillars.flatMap((p) => p.indicators.map((i) => [i.id, i.name]))),
        answer: Object.fromEntries(fw.pillars.flatMap((p) => p.indicators.flatMap((i) => i.options.map((o) => [o.id, o.criterion])))),
      },
      indicators: { definition: Object.fromEntries(CATALOGUE.map((c) => [c.code, c.definition])) },
    };
    expect(en).toEqual(expected);
    expect(keys(en as Tree).length).toBe(12 + 75 + 200 + CATALOGUE.length);
  });

  const reference = new Set(keys(en as Tree));
  for (const [lang, tree] of Object.entries({ es, pt, zh, ja, ko })) {
    const entries = leaves(tree as Tree);
    const have = new Set(entries.map(([k]) => k));
    const complete = lang === 'es' || lang === 'pt';
    it(`${lang} has ${complete ? 'every content key' : 'every name'} and nothing the reference lacks`, () => {
      const required = [...reference].filter((k) => complete || NAME_TABLES.some((t) => k.startsWith(t)));
      expect(required.filter((k) => !have.has(k))).toEqual([]);
      expect([...have].filter((k) => !reference.has(k))).toEqual([]);
      expect(entries.filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    });
    it(`${lang} names are translations, not English copies`, () => {
      const english = new Map(leaves(en as Tree));
      const copies = entries.filter(([k, v]) => NAME_TABLES.some((t) => k.startsWith(t)) && v === english.get(k)).map(([k]) => k);
      expect(copies).toEqual([]);
    });
  }

  it('docs/translations.md lists what exists in which language (fresh rendering)', () => {
    const doc = readFileSync(DOC_FILE, 'utf8');
    const section = doc.slice(doc.indexOf(START), doc.indexOf(END) + END.length);
    expect(section).toBe(renderSection());
    expect(section).toMatch(/\| RDTII 2\.1 answers \(categories\) \| 200 ✓ \| 200 ✓ \| 200 ✓ \|/);
  });
});
