// The web app's answer types follow the server's zod schemas. These are type assertions: `npm run
// typecheck` (web/tsconfig.test.json includes this file) fails when one does not hold; the
// runtime part checks that the web app takes only types from the server (nothing in the bundle).
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { Country, CountriesEnvelope, ReadinessRow, RegAnswerRow, RegEconomyEnvelope, Source } from './api';
import type { Answer } from './api-shapes';
import { countryRow } from '../../src/modules/countries/schema';
import type { answerRow } from '../../src/modules/regulation/schema';

describe('web answer types come from the server schemas', () => {
  it('a row type is the zod row schema', () => {
    expectTypeOf<Country>().toEqualTypeOf<z.infer<typeof countryRow>>();
    expectTypeOf<RegAnswerRow>().toEqualTypeOf<z.infer<typeof answerRow>>();
    expectTypeOf<CountriesEnvelope['rows'][number]>().toEqualTypeOf<Country>();
    expectTypeOf<RegEconomyEnvelope['sources'][number]>().toEqualTypeOf<Source>();
    // The unknown stays unknown: a score is a number or null, never defaulted.
    expectTypeOf<RegAnswerRow['score']>().toEqualTypeOf<number | null>();
    expectTypeOf<ReadinessRow['score']>().toEqualTypeOf<number | null>();
  });

  it('a deliberately changed field changes the web type', () => {
    // A fixture schema: the server's country row with one field retyped and one renamed.
    const changed = countryRow.extend({ year_joined: z.string() }).omit({ iso2: true }).extend({ iso_2: z.string() });
    type Changed = z.infer<typeof changed>;
    expectTypeOf<Changed>().not.toEqualTypeOf<Country>();
    expectTypeOf<Changed['year_joined']>().not.toEqualTypeOf<Country['year_joined']>();
    // A page written against the real type does not compile against the changed one.
    const row = { iso3: 'PER', iso_2: 'PE', iso_numeric: '604', name_en: 'Peru', name_es: 'Perú', name_pt: null, name_zh: null, name_ja: null, name_ko: null, fealac_region: 'Latin America', subregions: [], year_joined: '1999' } satisfies Changed;
    // @ts-expect-error year_joined is a string in the fixture schema, a number or null in the real one
    const asCountry: Country = row;
    expect(asCountry.iso3).toBe('PER');
    // The envelope follows its row type too.
    type ChangedEnvelope = Answer<'/api/countries', Changed>;
    expectTypeOf<ChangedEnvelope['rows'][number]['year_joined']>().toEqualTypeOf<string>();
    expectTypeOf<CountriesEnvelope['rows'][number]['year_joined']>().toEqualTypeOf<number | null>();
    // The real schema rejects what the fixture accepts: types and validation are one schema.
    expect(countryRow.safeParse(row).success).toBe(false);
  });

  it('takes only types from the server (no zod, no server code in the bundle)', () => {
    for (const file of ['./api-shapes.ts', './api.ts']) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      const serverImports = [...text.matchAll(/^import (.*) from '(\.\.\/\.\.\/src\/[^']+|zod)';$/gm)];
      if (file === './api-shapes.ts') expect(serverImports.length).toBeGreaterThan(4);
      for (const m of serverImports) expect(m[1], `${file}: ${m[0]}`).toMatch(/^type /);
    }
  });
});
