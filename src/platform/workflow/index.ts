// The editorial workflow (issue #13 item 3): the platform piece every editable dataset registers
// with through an EditableDataset adapter of its module.
export type { EditableDataset } from './dataset.js';
export { workflowRoutes } from './routes.js';
export { listVerifications, listDrafts } from './store.js';
export { diffDocs } from './compute.js';
export * from './schema.js';
