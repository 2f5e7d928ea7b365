import { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { createPostgresDialect } from './dialect.js';

export async function openPostgres(url: string, options: { queryTimeoutMs?: number } = {}): Promise<Database> {
  const { dialect } = createPostgresDialect({ connectionString: url, queryTimeoutMs: options.queryTimeoutMs });
  const kysely = new Kysely<any>({ dialect });
  return {
    engine: 'postgres',
    location: redact(url),
    kysely,
    async close() {
      await kysely.destroy();
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
