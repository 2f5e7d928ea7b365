import type { PuenteModule } from '../../platform/module.js';
import { importers } from './ingest.js';
import { marketplaceRoutes } from './routes.js';
import { marketplaceIds } from './store/read.js';
import { marketplaceStats, rebuildMarketplaces } from './store/write.js';

export { marketplaceRoutes } from './routes.js';
export { generateDemo } from './demo.js';

export const marketplacesModule: PuenteModule = {
  name: 'marketplaces',
  routes: marketplaceRoutes,
  importers,
  rebuild: rebuildMarketplaces,
  stats: marketplaceStats,
  pages: async (db) => ['/marketplaces', '/marketplaces/correlations', ...(await marketplaceIds(db)).map((id) => `/marketplaces/${encodeURIComponent(id)}`)],
};
