import type { PuenteModule } from '../../platform/module.js';
import { memberCodes } from '../countries/index.js';
import { briefRoutes } from './routes.js';

// Country briefs: one economy's figures from every module, as data, a printable page and a PDF.
// The module owns no table; it reads the others through their index.ts (src/modules/briefs/gather.ts).

export { briefOf } from './routes.js';
export { countryBriefPdf } from './pdf.js';
export type { Brief } from './schema.js';

export const briefsModule: PuenteModule = {
  name: 'briefs',
  routes: briefRoutes,
  pages: async (db) => (await memberCodes(db)).map((iso3) => `/countries/${iso3}/brief`),
};
