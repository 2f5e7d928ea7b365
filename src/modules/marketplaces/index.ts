import type { PuenteModule } from '../../platform/module.js';
import { importers } from './ingest.js';
import { marketplaceRoutes } from './routes.js';
import type { Kysely } from 'kysely';
import type { SourceRow } from '../../platform/http/api.js';
import { listRegistry, marketplaceIds, sourcesById, topSites, totalsBy, trafficSourceIds, type RegistryRow, type ShareTotals, type TopSiteRecord } from './store/read.js';
import { marketplaceStats, rebuildMarketplaces } from './store/write.js';

export { marketplaceRoutes } from './routes.js';
export { generateDemo } from './demo.js';
export type { RegistryRow, ShareTotals, TopSiteRecord };

/**
 * What buyers in one economy use (for the export assistant): the registry's marketplaces with a
 * website serving it, the e-commerce entries of its open top lists (Cloudflare ranks, CrUX
 * buckets), partner traffic per marketplace into it where imported (flagged synthetic when it is),
 * and the sources of all three.
 */
export async function marketplacesServing(db: Kysely<any>, iso3: string): Promise<{ marketplaces: RegistryRow[]; top: TopSiteRecord[]; traffic: Map<string, ShareTotals>; trafficSourceIds: string[]; sources: SourceRow[] }> {
  const [marketplaces, top, traffic] = await Promise.all([
    listRegistry(db, { economy: [iso3] } as never),
    topSites(db, { economy: [iso3], ecommerce: true }),
    totalsBy(db, 'marketplace_id', { economy: [iso3] } as never),
  ]);
  const trafficIds = traffic.size ? await trafficSourceIds(db, { economy: [iso3] } as never) : [];
  const sources = await sourcesById(db, [...marketplaces.map((m) => m.source_id), ...top.map((t) => t.source_id), ...trafficIds]);
  return { marketplaces, top, traffic, trafficSourceIds: trafficIds, sources };
}

export const marketplacesModule: PuenteModule = {
  name: 'marketplaces',
  routes: marketplaceRoutes,
  importers,
  rebuild: rebuildMarketplaces,
  stats: marketplaceStats,
  pages: async (db) => ['/marketplaces', '/marketplaces/correlations', ...(await marketplaceIds(db)).map((id) => `/marketplaces/${encodeURIComponent(id)}`)],
};
