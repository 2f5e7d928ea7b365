import { entriesEditable } from './editable.js';
import type { PuenteModule } from '../../platform/module.js';
import { importers } from './ingest.js';
import { directoryRoutes } from './routes.js';
import { directoryStats } from './store.js';

// The directory's public face (the CLI, the country profile and the export assistant import only
// this): an economy's contacts by role, the entries, their URLs for the link checker.
export { contactsOf, entriesOf } from './routes.js';
export { entryUrls, sourcesOf as entrySources } from './store.js';
export { ROLES, ROLE_CODES, type Entry } from './schema.js';

export const directoryModule: PuenteModule = {
  editable: [entriesEditable],
  name: 'directory',
  importers,
  routes: directoryRoutes,
  stats: directoryStats,
  pages: async () => ['/directory'],
};
