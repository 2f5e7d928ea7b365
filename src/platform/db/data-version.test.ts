import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isWrite } from './data-version.js';

// Which statements make a transaction a write (and so bump the data version at its commit).
describe('isWrite', () => {
  const raw = (sql: string) => isWrite(CompiledQuery.raw(sql));
  it('counts statements that change published tables', () => {
    for (const sql of [
      'insert into traffic_month select * from _load',
      'delete from reg_measures where id = $1',
      'update puente_meta set value = $1',
      'create table x (a int)',
      'drop table traffic_flow_month',
      'alter table x add column b int',
      'with t as (select 1) insert into x select * from t',
      'copy traffic_month from stdin',
      'truncate x',
    ]) expect(raw(sql), sql).toBe(true);
  });
  it('does not count reads, session settings or scratch tables', () => {
    for (const sql of [
      'select count(*) from traffic_month',
      '  (select 1) union (select 2)',
      'with t as (select 1) select * from t',
      'set local statement_timeout = 100',
      'describe select * from read_csv($1)',
      'create temp table _stage as select 1',
      'create or replace temporary table _lookup as select 1',
      'drop table if exists _load',
      'drop view _in_raw',
      'checkpoint',
    ]) expect(raw(sql), sql).toBe(false);
  });
});

describe('isWrite: accounts and the audit log are not published data', () => {
  const built = (kind: string, sql: string) => isWrite({ query: { kind } as never, sql, parameters: [] } as unknown as CompiledQuery);
  it('a sign-in, a token use or an audit row alone does not change the data version', () => {
    expect(built('InsertQueryNode', 'insert into "auth_sessions" ("id_hash") values ($1)')).toBe(false);
    expect(built('UpdateQueryNode', 'update "auth_tokens" set "last_used_at" = $1 where "id" = $2')).toBe(false);
    expect(built('DeleteQueryNode', 'delete from "auth_sessions" where "id_hash" = $1')).toBe(false);
    expect(built('InsertQueryNode', 'insert into "audit_log" ("id") values ($1)')).toBe(false);
    expect(built('InsertQueryNode', 'insert into "support_programmes" ("id") values ($1)')).toBe(true);
  });
});
