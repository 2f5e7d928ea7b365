import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../audit.js';

/**
 * What a module tells the workflow about one of its editable datasets. The workflow knows no
 * module: it keeps drafts, reviews and verification marks, and calls these to read the published
 * entry, check a proposed one with the module's own zod schema, and write it on publish through
 * the module's store (which writes the audit row; the transaction bumps the data version).
 */
export interface EditableDataset {
  /** Also the audit log's entity, e.g. `support_programmes`. */
  entity: string;
  /** What one entry is, in English ("support programme"). */
  label: string;
  /** The fields a draft may change, in the order a diff lists them. */
  fields: readonly string[];
  /** Checks a whole proposed entry (the editable fields); the module's schema. */
  schema: z.ZodTypeAny;
  /** The published entry's editable fields (plus its economy and name), or null when there is none. */
  load(db: Kysely<any>, id: string): Promise<Record<string, unknown> | null>;
  /** The economy (ISO3) an entry belongs to, for focal points; null when it has none. */
  economyOf(doc: Record<string, unknown>): string | null;
  /** A short name of the entry for lists. */
  titleOf(doc: Record<string, unknown>): string;
  /** Write the proposed editable fields as the published entry, inside `tx` (the caller's transaction). */
  apply(tx: Kysely<any>, id: string, doc: Record<string, unknown>, who: Actor): Promise<void>;
  /** Every entry's id, for the sitemap's history pages (`/history/{entity}/{id}`); optional. */
  ids?(db: Kysely<any>): Promise<string[]>;
  /** The entry's public page in the web app (without language). */
  pageOf?(id: string): string;
}
