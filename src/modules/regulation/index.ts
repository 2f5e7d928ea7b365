import type { PuenteModule } from '../../platform/module.js';
import { memberCodes } from '../countries/index.js';
import { listFrameworks as frameworkFiles } from './framework.js';
import { importers } from './ingest.js';
import { regulationRoutes } from './routes.js';
import { regulationStats, seedFrameworks } from './store.js';
import { striRoutes } from './stri/routes.js';
import { striStats } from './stri/store.js';

export { syncCyberlaw, CYBERLAW_URLS, type CyberlawSyncReport } from './cyberlaw.js';
export { deriveAnswers, type DerivedAnswer } from './derive.js';
export { syncOecdStri, type StriSyncReport } from './stri/sync.js';

export const regulationModule: PuenteModule = {
  name: 'regulation',
  // The framework files shipped in ./frameworks/ (validated) are compared on every start; a
  // changed file replaces its stored version, a new version is added beside the old ones. Their
  // loaded_at is the file's own "retrieved" date, never the start time (a restart changes nothing).
  seed: async (db) => {
    for (const f of frameworkFiles()) await seedFrameworks(db, [{ id: f.id, version: f.version, json: f }], f.provenance.retrieved);
  },
  seedInputs: () => frameworkFiles(),
  importers,
  routes: (api) => {
    regulationRoutes(api);
    striRoutes(api);
  },
  stats: async (db) => ({ ...(await regulationStats(db)), ...(await striStats(db)) }),
  // Every member has a regulatory profile (what is not recorded is shown as not recorded).
  pages: async (db) => [
    '/regulation',
    '/regulation/compare',
    '/regulation/pair',
    '/regulation/digital-stri',
    '/regulation/simulate',
    ...(await memberCodes(db)).map((iso3) => `/regulation/${iso3}`),
  ],
};
