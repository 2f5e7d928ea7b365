import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import type { Api } from './http/api.js';
import type { FileKind } from './ingest/run.js';
import type { Log } from './log.js';
import type { EditableDataset } from './workflow/dataset.js';

/** Side effects are passed in, so that tests can give a fixed clock, a fake fetch, a silent log. */
export interface AppContext {
  db: Database;
  config: Config;
  log: Log;
  clock: () => Date;
  fetch: typeof fetch;
}

/** What a module offers the composition roots (server.ts, cli.ts); the platform knows no module. */
export interface PuenteModule {
  name: string;
  /** Reference data the product carries itself, written on every start (idempotent). */
  seed?(db: Kysely<any>, ctx: Pick<AppContext, 'clock'>): Promise<void>;
  /**
   * Everything the seed writes from (JSON-serialisable). Start-up compares its fingerprint with
   * the one stored at the last seeding and skips the seed when it is the same: a start with
   * nothing new writes nothing (a full disk can still be opened, answers stay byte-identical).
   */
  seedInputs?(): unknown;
  /** The files the module reads, and those it recognises but skips (saying why). */
  importers?: FileKind[];
  /** Rebuild the module's rollup tables after an import touched its data. */
  rebuild?(db: Kysely<any>): Promise<void>;
  routes?(api: Api): void;
  /**
   * The module's public web pages (paths such as `/countries/PER`, without language), listed in
   * /sitemap.xml: its fixed pages and one per object in the data. Every route of
   * web/src/routes.tsx is covered by some module (test/e2e/vitals.test.ts checks it).
   */
  pages?(db: Kysely<any>): Promise<string[]>;
  /** The module's datasets people edit through drafts, review and publish (src/platform/workflow). */
  editable?: EditableDataset[];
  /** Counts shown by /api/-/health. */
  stats?(db: Kysely<any>): Promise<Record<string, number>>;
}
