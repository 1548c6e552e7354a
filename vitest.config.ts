import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // End-to-end suites start real stores and processes.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Each e2e file starts its own platform; two cores, so keep it to two at a time.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
