import type { PuenteModule } from './platform/module.js';
import { countriesModule } from './modules/countries/index.js';
import { indicatorsModule } from './modules/indicators/index.js';
import { marketplacesModule } from './modules/marketplaces/index.js';
import { regulationModule } from './modules/regulation/index.js';
import { facilitationModule } from './modules/facilitation/index.js';
import { supportModule } from './modules/support/index.js';
import { directoryModule } from './modules/directory/index.js';
import { processesModule } from './modules/processes/index.js';
import { tariffsModule } from './modules/tariffs/index.js';
import { documentsModule } from './modules/documents/index.js';
import { assistantModule } from './modules/assistant/index.js';
import { briefsModule } from './modules/briefs/index.js';

/** Every module, in dependency order (reference data first; the assistant reads the others). */
export const modules: PuenteModule[] = [countriesModule, indicatorsModule, marketplacesModule, regulationModule, facilitationModule, supportModule, directoryModule, processesModule, tariffsModule, documentsModule, assistantModule, briefsModule];
