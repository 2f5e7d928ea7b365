import type { PuenteModule } from '../../platform/module.js';
import { documentRoutes } from './routes.js';

export { codeListsAt, type CodeLists } from './codelists.js';
export { generateDocument, DocumentRequestError, CodeCheckError, type DocumentFormat } from './generate.js';
export { shipmentSchema, DOCUMENT_KINDS, type Shipment, type DocumentKind } from './schema.js';

export const documentsModule: PuenteModule = {
  name: 'documents',
  routes: documentRoutes,
  pages: async () => ['/documents/new'],
};
export { addDocumentsCommand } from './cli.js';
