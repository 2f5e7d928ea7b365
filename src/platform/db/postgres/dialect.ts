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
  idleInTransactionMs?: number;
  /** Shown in pg_stat_activity (default "puente"). */
  applicationName?: string;
}

export function createPostgresDialect(config: PostgresConfig): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.max ?? 10,
    statement_timeout: config.queryTimeoutMs,
    idle_in_transaction_session_timeout: config.idleInTransactionMs,
    // Names Puente's sessions in pg_stat_activity (and in the "who holds the lock" message).
    application_name: config.applicationName ?? 'puente',
    types,
  });
  const dialect = new PostgresDialect({
    pool: pool as never,
  });
  return { dialect, pool };
}
