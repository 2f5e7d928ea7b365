import type { PuenteModule } from '../../platform/module.js';
import type { KnownFile } from '../../platform/ingest/run.js';
import { assistantRoutes } from './routes.js';

// The export assistant's public face. It reads every other module through their index.ts and
// owns no table: the HS 2022 code list it searches is carried in ./codelists/ (versioned data).

export { assembleAnswer, type Answer } from './answer.js';
export { searchHs, productOf } from './hs.js';
export type { Item, Question, Section } from './schema.js';

/** The shared copies of the code list the assistant carries: recognised, not imported. */
const carried: KnownFile[] = [
  { name: 'hs2022_full', module: 'assistant', signature: ['section', 'hscode', 'description', 'parent', 'level'], skip: 'the HS 2022 code list is carried by the export assistant (src/modules/assistant/codelists/)' },
  { name: 'hs2022_sections', module: 'assistant', signature: ['section', 'name'], skip: 'the HS 2022 sections are carried by the export assistant (src/modules/assistant/codelists/)' },
];

export const assistantModule: PuenteModule = {
  name: 'assistant',
  importers: carried,
  routes: assistantRoutes,
  pages: async () => ['/assistant'],
};
