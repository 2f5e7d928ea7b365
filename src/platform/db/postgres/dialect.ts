import pg from 'pg';
import { PostgresDialect } from 'kysely';
import { parseNumericText } from '../normalise.js';

// Postgres returns int8 (counts) and numeric as strings, and dates as JS Dates; parse them once
// here so both engines hand the modules the same values.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20: // int8
      case 1700: // numeric
        return parseNumericText;
      case 1082: // date
      case 1114: // timestamp
      case 1184: // timestamptz
        return (text: string) => text;
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  },
};

export interface PostgresConfig {
  connectionString: string;
  queryTimeoutMs?: number;
  max?: number;
}

export function createPostgresDialect(config: PostgresConfig): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.max ?? 10,
    statement_timeout: config.queryTimeoutMs,
    types,
  });
  const dialect = new PostgresDialect({
    pool: pool as never,
  });
  return { dialect, pool };
}
