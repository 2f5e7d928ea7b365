// UNCTAD Global Cyberlaw Tracker connector: fetches the tracker's public files (the CSV of statuses
// and the JSON of law links that UNCTAD's own infovis repository publishes) and writes the FEALAC
// members' rows, in one transaction, through the same code as the file importer.
//
// `fetch` comes from the context, so tests serve ../shared/data/regulation/cyberlaw through a fake.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpstreamError } from '../../platform/http/errors.js';
import { readCsv } from '../../platform/ingest/csv.js';
import { ImportError } from '../../platform/ingest/report.js';
import type { AppContext } from '../../platform/module.js';
import { CYBERLAW_SOURCE, cyberlawImporter, writeTrackerRows, type DocumentLinks } from './ingest.js';

const REPO = 'https://raw.githubusercontent.com/unctad-infovis/2026-cyberlaw_tracker/main/public/assets/data';
export const CYBERLAW_URLS = { statuses: `${REPO}/data.csv`, links: `${REPO}/document_links.json` };

export interface CyberlawSyncReport {
  url: string;
  economies: number;
  statuses: number;
  laws: number;
}

async function fetchText(ctx: Pick<AppContext, 'fetch' | 'config'>, url: string): Promise<string> {
  let res: Response;
  try {
    res = await ctx.fetch(url, { signal: AbortSignal.timeout(ctx.config.PUENTE_HTTP_TIMEOUT_MS) });
  } catch (err) {
    throw new UpstreamError(`UNCTAD cyberlaw tracker: cannot fetch ${url}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new UpstreamError(`UNCTAD cyberlaw tracker: ${url} answered HTTP ${res.status}`);
  return (await res.text()).replace(/^\uFEFF/, '');
}

/** Fetch, check, then write everything or nothing. Offline it throws UpstreamError and writes nothing. */
export async function syncCyberlaw(ctx: AppContext, urls: { statuses: string; links: string } = CYBERLAW_URLS): Promise<CyberlawSyncReport> {
  const csvText = await fetchText(ctx, urls.statuses);
  let links: DocumentLinks | null = null;
  try {
    links = JSON.parse(await fetchText(ctx, urls.links)) as DocumentLinks;
  } catch (err) {
    // Statuses without links are still worth having; the laws held stay as they are.
    ctx.log.info(`cyberlaw tracker: law links not read (${(err as Error).message}); statuses only`);
  }
  if (!/Electronic Transactions/.test(csvText.split('\n', 1)[0])) {
    throw new UpstreamError(`UNCTAD cyberlaw tracker: ${urls.statuses} is not the tracker's CSV (header: ${csvText.split('\n', 1)[0].slice(0, 120)})`);
  }
  // The file goes through the importer's own reader and checks: a changed format fails loudly.
  const dir = mkdtempSync(join(tmpdir(), 'puente-cyberlaw-'));
  try {
    const file = join(dir, 'data.csv');
    writeFileSync(file, csvText);
    const read = await readCsv(file, await cyberlawImporter.spec(ctx.db.kysely));
    const issues = [...read.issues, ...(read.issues.length ? [] : (cyberlawImporter.check?.(read.rows, urls.statuses) ?? []))];
    if (issues.length) throw new ImportError(issues.map((i) => ({ ...i, file: urls.statuses })));
    const now = ctx.clock().toISOString();
    const written = await ctx.db.kysely
      .transaction()
      .execute((tx) => writeTrackerRows(tx, read.rows, links, { ...CYBERLAW_SOURCE, retrieved_at: now, imported_at: now, note: `synced from ${urls.statuses}` }));
    return { url: urls.statuses, ...written };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
