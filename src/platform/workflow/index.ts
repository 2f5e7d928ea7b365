// The editorial workflow (issue #13 item 3): the platform piece every editable dataset registers
// with through an EditableDataset adapter of its module.
export type { EditableDataset } from './dataset.js';
export { workflowRoutes } from './routes.js';
export { listVerifications, listDrafts } from './store.js';
export { diffDocs } from './compute.js';
export * from './schema.js';

import type { Kysely } from 'kysely';
import type { EditableDataset as Dataset } from './dataset.js';

/** The history page of every entry of the datasets that list their ids (for the sitemap). */
export async function historyPages(db: Kysely<any>, datasets: Dataset[]): Promise<string[]> {
  const lists = await Promise.all(datasets.map(async (d) => (d.ids ? (await d.ids(db)).map((id) => `/history/${d.entity}/${encodeURIComponent(id)}`) : [])));
  return lists.flat();
}
