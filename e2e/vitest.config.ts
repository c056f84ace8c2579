import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the real server on a fresh database, the built web app, and Debian's Chromium driven
 * by playwright-core. Files run one after another; they share one server.
 */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
  },
});
