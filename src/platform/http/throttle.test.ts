import { afterAll, describe, expect, it } from 'vitest';
import { engines, freshDatabase } from '../../../test/support/engines.js';
import type { Database } from '../db/index.js';
import { AuthThrottle, databaseThrottleStore } from './throttle.js';

describe('AuthThrottle: wrong tokens per address in a window', () => {
  it('blocks an address past max failures until its window ends; other addresses are free', async () => {
    let now = 1_000_000;
    const t = new AuthThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(await t.blockedFor('a')).toBe(0);
      await t.fail('a');
    }
    expect(await t.blockedFor('a')).toBe(60_000);
    expect(await t.blockedFor('b')).toBe(0);
    now += 59_000;
    expect(await t.blockedFor('a')).toBe(1_000);
    now += 1_000;
    expect(await t.blockedFor('a')).toBe(0);
    await t.fail('a');
    expect(await t.blockedFor('a')).toBe(0); // a new window: one failure
  });
});

const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

describe.each(engines)('AuthThrottle in the database (%s): servers behind one proxy share the counters', (engine) => {
  it('failures counted by one server block the address on another; scopes and windows stay apart', async () => {
    const db = await freshDatabase(engine);
    opened.push(db);
    db.versions.arm();
    const version = (await db.versions.fresh()).version;
    let now = 2_000_000;
    const clock = () => now;
    // Two servers: two throttles (two processes' worth of state) over one table.
    const one = new AuthThrottle(4, 60_000, clock, databaseThrottleStore(db.kysely), 'addr');
    const two = new AuthThrottle(4, 60_000, clock, databaseThrottleStore(db.kysely), 'addr');
    const accounts = new AuthThrottle(4, 60_000, clock, databaseThrottleStore(db.kysely), 'login');
    await one.fail('10.0.0.1');
    await two.fail('10.0.0.1');
    await one.fail('10.0.0.1');
    expect(await two.blockedFor('10.0.0.1')).toBe(0);
    await two.fail('10.0.0.1');
    expect(await one.blockedFor('10.0.0.1')).toBe(60_000);
    expect(await two.blockedFor('10.0.0.1')).toBe(60_000);
    expect(await accounts.blockedFor('10.0.0.1')).toBe(0); // another scope
    expect(await one.blockedFor('10.0.0.2')).toBe(0);
    const rows = await db.kysely.selectFrom('auth_throttle').selectAll().execute();
    expect(rows.map((r) => [r.key, Number(r.failures)])).toEqual([['addr:10.0.0.1', 4]]);
    // The window ends: the next failure opens a new one, counted from one.
    now += 60_000;
    expect(await two.blockedFor('10.0.0.1')).toBe(0);
    await one.fail('10.0.0.1');
    const after = await db.kysely.selectFrom('auth_throttle').selectAll().execute();
    expect(after.map((r) => [Number(r.failures), Number(r.window_ends)])).toEqual([[1, now + 60_000]]);
    // Counting failures is not a change of published data: cached answers stay valid.
    expect((await db.versions.fresh()).version).toBe(version);
  });
});
