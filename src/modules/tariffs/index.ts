import type { PuenteModule } from '../../platform/module.js';
import { importers } from './ingest.js';
import { tariffRoutes } from './routes.js';
import { tariffStats } from './store.js';

// The tariffs module's public face: the export assistant calls tariffAnswer for its section
// "At B's customs, above the de minimis".
export { answerSources as tariffSources, tariffAnswer, type TariffQuestion } from './answer.js';
export type { TariffAnswer, AnswerLine } from './schema.js';
export { schedulesOf, type ScheduleHeld } from './brief.js';
export { fetchJapanEdition, type FetchReport } from './connector.js';

export const tariffsModule: PuenteModule = {
  name: 'tariffs',
  importers,
  routes: tariffRoutes,
  stats: tariffStats,
  pages: async () => ['/tariffs', '/tariffs/JPN'],
};
