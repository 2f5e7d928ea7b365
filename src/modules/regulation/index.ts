import type { PuenteModule } from '../../platform/module.js';
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
  // The framework files shipped in ./frameworks/ (validated) are written on every start; a
  // changed file replaces its stored version, a new version is added beside the old ones.
  seed: (db, { clock }) =>
    seedFrameworks(
      db,
      frameworkFiles().map((f) => ({ id: f.id, version: f.version, json: f })),
      clock().toISOString(),
    ),
  importers,
  routes: (api) => {
    regulationRoutes(api);
    striRoutes(api);
  },
  stats: async (db) => ({ ...(await regulationStats(db)), ...(await striStats(db)) }),
};
