import type { PuenteModule } from '../../platform/module.js';
import { programmesEditable } from './editable.js';
import { importers } from './ingest.js';
import { supportRoutes } from './routes.js';
import { listProgrammes, supportStats } from './store.js';

// The support module's public face (other modules, the CLI and the export assistant import only
// this): programmes of an economy filtered by target traits, the vocabulary, gaps and URLs.
export { findProgrammes, programmesOf, resolvePeers, type ProgrammeFilter, type PeerGroup } from './routes.js';
export { programmeUrls, sourcesOf as programmeSources } from './store.js';
export { loadVocabulary } from './vocabulary.js';
export { gapsOf, jaccard, presence, similarities } from './compute.js';
export type { Programme } from './schema.js';

export const supportModule: PuenteModule = {
  name: 'support',
  importers,
  routes: supportRoutes,
  stats: supportStats,
  editable: [programmesEditable],
  pages: async (db) => ['/support', '/support/gaps', ...(await listProgrammes(db)).map((p) => `/support/programmes/${encodeURIComponent(p.id)}`)],
};
