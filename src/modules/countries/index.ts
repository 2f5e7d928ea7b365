import type { PuenteModule } from '../../platform/module.js';
import { importers } from './ingest.js';
import { countryRoutes } from './routes.js';
import { isoCodes } from './names.js';
import { ENGLISH_NAMES, GROUPS, ISO_SOURCE, LANGUAGES, MEMBERS, MEMBERSHIP_SOURCE } from './reference.js';
import { countryStats, memberCodes, seedCountries } from './store.js';

export { groupMembers, listCountries, listPairs, memberCodes, pairSources } from './store.js';
export type { Country } from './schema.js';
export { MEMBERS, GROUPS, LANGUAGES } from './reference.js';
export { groupCodes, iso3Param } from './schema.js';

export const countriesModule: PuenteModule = {
  name: 'countries',
  seed: (db) => seedCountries(db),
  seedInputs: () => ({ MEMBERS, GROUPS, ENGLISH_NAMES, MEMBERSHIP_SOURCE, ISO_SOURCE, LANGUAGES, iso: Object.keys(MEMBERS).map(isoCodes) }),
  importers,
  routes: countryRoutes,
  stats: countryStats,
  pages: async (db) => ['/countries', ...(await memberCodes(db)).map((iso3) => `/countries/${iso3}`)],
};
