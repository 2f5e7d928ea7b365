import type { PuenteModule } from '../../platform/module.js';
import { processFiles } from './ingest.js';
import { processRoutes } from './routes.js';
import { processesStats } from './store.js';

export { analyseCase, compareCases, type Analysis } from './compute.js';
export type { BpaCase } from './schema.js';

export const processesModule: PuenteModule = {
  name: 'processes',
  importers: processFiles,
  routes: processRoutes,
  stats: processesStats,
};
