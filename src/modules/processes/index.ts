import type { PuenteModule } from '../../platform/module.js';
import { processFiles } from './ingest.js';
import { processRoutes } from './routes.js';
import { listCases, processesStats } from './store.js';

export { analyseCase, compareCases, type Analysis } from './compute.js';
export type { BpaCase } from './schema.js';

export const processesModule: PuenteModule = {
  name: 'processes',
  importers: processFiles,
  routes: processRoutes,
  stats: processesStats,
  pages: async (db) => ['/processes', ...(await listCases(db)).map((c) => `/processes/${encodeURIComponent(c.doc.id)}`)],
};
