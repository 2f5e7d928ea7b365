import type { PuenteModule } from '../../platform/module.js';
import { importers } from './ingest.js';
import { countryRoutes } from './routes.js';
import { countryStats, seedCountries } from './store.js';

export { groupMembers, listCountries, memberCodes } from './store.js';
export type { Country } from './schema.js';
export { MEMBERS, GROUPS, LANGUAGES } from './reference.js';
export { groupCodes, iso3Param } from './schema.js';

export const countriesModule: PuenteModule = {
  name: 'countries',
  seed: (db, { clock }) => seedCountries(db, clock()),
  importers,
  routes: countryRoutes,
  stats: countryStats,
};
