import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (Node: schemas, broker, checks, exercises) and `e2e` (Debian's Chromium
 * against the built site on 127.0.0.1). `npm test` builds the site first, then runs both.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{src,sandbox-broker,exercises,content,test-support}/**/__tests__/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['{src,sandbox-broker}/**/__e2e__/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test-support/site-server.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: CI has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
