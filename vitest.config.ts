import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/postgres.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/*.test.ts', 'test/contract/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 120_000 },
      },
      {
        // The faults operators meet (stop signals, database restarts, bad files, a full disk),
        // injected into real `puente` processes; one file at a time (they start servers).
        extends: true,
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 300_000, fileParallelism: false },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
});
