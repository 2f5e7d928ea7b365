/**
 * Wrong tokens counted per client address in a fixed window: past `max` failures the address
 * is refused (429) until its window ends. In memory, per process: enough to make guessing a
 * 24-byte token from one address hopeless; a fleet behind a balancer throttles at the proxy.
 */
export class AuthThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the address must still wait (0 = it may try). */
  blockedFor(client: string): number {
    const f = this.failures.get(client);
    if (!f) return 0;
    const left = f.until - this.now();
    if (left <= 0) {
      this.failures.delete(client);
      return 0;
    }
    return f.count >= this.max ? left : 0;
  }

  fail(client: string): void {
    const t = this.now();
    const f = this.failures.get(client);
    if (!f || f.until <= t) this.failures.set(client, { count: 1, until: t + this.windowMs });
    else f.count++;
    // Bounded memory under a flood of addresses: forget the oldest windows.
    if (this.failures.size > 10_000) {
      for (const [k, v] of this.failures) if (v.until <= t || this.failures.size > 10_000) this.failures.delete(k);
    }
  }
}
