import type { PuenteModule } from '../../platform/module.js';
import { valuesImporter } from './ingest.js';
import { indicatorRoutes } from './routes.js';
import { CATALOGUE } from './catalogue.js';
import { indicatorStats, listIndicators, rebuildYearStats, seedCatalogue } from './store.js';

export { syncWorldBank, type SyncReport } from './sync.js';
export { CATALOGUE, DEFAULT_COMPONENTS } from './catalogue.js';
export { getIndicator, latestValues, sourcesOf as indicatorSources, usdRates } from './store.js';
export { economyReadiness, indicatorVsFealac, type EconomyReadiness, type IndicatorVsFealac } from './brief.js';
export { ECONOMY_CURRENCY, economyOfCurrency, FX_INDICATOR, yearOf, type FxRate } from './fx.js';

export const indicatorsModule: PuenteModule = {
  name: 'indicators',
  seed: (db) => seedCatalogue(db),
  seedInputs: () => CATALOGUE,
  importers: [valuesImporter],
  rebuild: rebuildYearStats,
  routes: indicatorRoutes,
  stats: indicatorStats,
  // Indicators without any value have a page too, but nothing in it to find.
  pages: async (db) => ['/indicators', '/readiness', ...(await listIndicators(db)).filter((i) => i.values > 0).map((i) => `/indicators/${i.code}`)],
};
