import { z } from 'zod';
import { ApiError } from '../../platform/http/errors.js';
import { checkKnown } from '../../platform/http/grammar.js';
import type { Api } from '../../platform/http/api.js';
import { countriesQuery, countryRow, groupSchema, iso3Param, pairRow } from './schema.js';
import { listCountries, listGroups, listPairs, memberCodes, pairSources, sourcesFor } from './store.js';

export function countryRoutes(api: Api): void {
  api.data({
    path: '/api/countries',
    tag: 'countries',
    summary: 'The 36 FEALAC economies',
    description: 'Members of the Forum for East Asia-Latin America Cooperation with ISO codes, names in six languages, region, sub-regional groups and year joined.',
    query: countriesQuery,
    row: countryRow,
    fields: { groups: z.array(groupSchema) },
    async handler({ query, ctx }) {
      const db = ctx.db.kysely;
      checkKnown('country', query.country, await memberCodes(db), { what: 'FEALAC economy' });
      const region = query.region === 'east-asia' ? 'East Asia' : query.region === 'latin-america' ? 'Latin America' : undefined;
      const rows = await listCountries(db, { region, group: query.group, countries: query.country });
      return { rows, fields: { groups: await listGroups(db) }, sources: await sourcesFor(db, 'countries'), title: 'FEALAC economies' };
    },
  });

  api.data({
    path: '/api/countries/{iso3}',
    tag: 'countries',
    summary: 'One FEALAC economy',
    params: iso3Param,
    row: countryRow,
    fields: { country: countryRow },
    async handler({ params, ctx }) {
      const [country] = await listCountries(ctx.db.kysely, { countries: [params.iso3] });
      if (!country) throw new ApiError(404, `${params.iso3} is not one of the 36 FEALAC economies`);
      return { rows: [country], fields: { country }, sources: await sourcesFor(ctx.db.kysely, 'countries'), title: country.name_en };
    },
  });

  api.data({
    path: '/api/countries/{iso3}/pairs',
    tag: 'countries',
    summary: 'Distance, contiguity and common language from one economy to the other members',
    description: 'CEPII GeoDist variables for ordered pairs; empty until a pairs file is imported.',
    params: iso3Param,
    row: pairRow,
    async handler({ params, ctx }) {
      const [country] = await listCountries(ctx.db.kysely, { countries: [params.iso3] });
      if (!country) throw new ApiError(404, `${params.iso3} is not one of the 36 FEALAC economies`);
      return { rows: await listPairs(ctx.db.kysely, params.iso3), sources: await pairSources(ctx.db.kysely, params.iso3), title: `Country pairs from ${country.name_en}` };
    },
  });
}
