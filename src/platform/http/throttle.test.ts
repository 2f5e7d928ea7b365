import { describe, expect, it } from 'vitest';
import { AuthThrottle } from './throttle.js';

describe('AuthThrottle: wrong tokens per address in a window', () => {
  it('blocks an address past max failures until its window ends; other addresses are free', () => {
    let now = 1_000_000;
    const t = new AuthThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(t.blockedFor('a')).toBe(0);
      t.fail('a');
    }
    expect(t.blockedFor('a')).toBe(60_000);
    expect(t.blockedFor('b')).toBe(0);
    now += 59_000;
    expect(t.blockedFor('a')).toBe(1_000);
    now += 1_000;
    expect(t.blockedFor('a')).toBe(0);
    t.fail('a');
    expect(t.blockedFor('a')).toBe(0); // a new window: one failure
  });
});
