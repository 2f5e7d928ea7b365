// `puente copy --to postgres://... [--from duckdb:FILE] [--replace]`: a single machine's DuckDB
// database moved to PostgreSQL, all or nothing (src/platform/db/copy.ts; docs/deployment.md).
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { migrations } from '../../../migrations/index.js';
import type { Config } from '../config.js';
import { CopyError, copyDatabase } from './copy.js';
import type { Database } from './database.js';
import { classifyFault, DatabaseFileError, DatabaseLockedError, DatabaseUnavailableError, DiskFullError, migrateToLatest, openDatabase } from './index.js';

interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Adds the `copy` command; `done` receives the exit code. */
export function addCopyCommand(program: Command, config: Config, io: CliIo, done: (code: number) => void): void {
  program
    .command('copy')
    .description('copy a DuckDB database into PostgreSQL, all or nothing (to move to several servers)')
    .requiredOption('--to <url>', 'the PostgreSQL database, postgres://user@host:port/db (migrated first)')
    .option('--from <url>', 'the DuckDB database (default: DATABASE_URL)')
    .option('--replace', 'replace what the target database already holds')
    .action(async (opts: { to: string; from?: string; replace?: boolean }) => {
      done(await runCopy(opts.from ?? config.DATABASE_URL, opts.to, !!opts.replace, io));
    });
}

async function runCopy(fromUrl: string, toUrl: string, replace: boolean, io: CliIo): Promise<number> {
  if (!fromUrl.startsWith('duckdb:')) {
    io.err(`puente copy: --from must be a DuckDB database (duckdb:FILE), not ${fromUrl.split(':')[0]}`);
    return 2;
  }
  const file = fromUrl.slice('duckdb:'.length);
  if (!existsSync(file)) {
    io.err(`puente copy: no DuckDB database at ${file}`);
    return 1;
  }
  if (!/^postgres(ql)?:\/\//.test(toUrl)) {
    io.err('puente copy: --to must be a PostgreSQL URL (postgres://user@host:port/database)');
    return 2;
  }
  let from: Database | null = null;
  let to: Database | null = null;
  try {
    from = await openDatabase(fromUrl);
    to = await openDatabase(toUrl);
    const applied = await migrateToLatest(to, migrations);
    if (applied.length) io.out(`${to.location}: applied ${applied.join(', ')}`);
    const t0 = Date.now();
    const report = await copyDatabase(from, to, {
      replace,
      onTable: (table, rows) => io.out(`  ${table}: ${rows.toLocaleString('en-US')} rows`),
    });
    io.out(`Copied ${report.tables.length} tables, ${report.rows.toLocaleString('en-US')} rows, from ${from.location} to ${to.location} in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    io.out(`Serve it with DATABASE_URL=${to.location} npx puente serve (see docs/deployment.md).`);
    return 0;
  } catch (caught) {
    const err = classifyFault(caught, from?.location ?? fromUrl);
    if (err instanceof CopyError) {
      io.err(`puente copy: ${err.message}`);
      return 1;
    }
    if (err instanceof DatabaseLockedError || err instanceof DatabaseFileError || err instanceof DatabaseUnavailableError || err instanceof DiskFullError) {
      io.err(`puente copy: ${err.message}`);
      return 1;
    }
    io.err(`puente copy failed; nothing was written: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await from?.close();
    await to?.close();
  }
}
