import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/helpers/longest-first.ts';

const root = path.dirname(new URL(import.meta.url).pathname);

// The tests read no .env file: the commands they run and the servers they start would otherwise take
// a developer's own settings (their DATABASE_URL above all). @next/env, which the commands and the
// Next.js server read those files through (scripts/env-file.ts), reads none once this is set.
process.env.__NEXT_PROCESSED_ENV = 'true';
const shared = {
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React Server Components; the data layer is tested directly.
      'server-only': path.join(root, 'tests', 'helpers', 'server-only-stub.ts'),
    },
  },
};

/** The end-to-end files that run alone, after the others (see the 'e2e-alone' project). */
const E2E_ALONE = ['tests/e2e/outage.test.ts', 'tests/e2e/clock-step.test.ts', 'tests/e2e/open-data.test.ts'];
/** Both end-to-end projects: a production server and a Chromium per file, on the run's demo data. */
const e2e = {
  // The demo data folder is made in the background while the other files run; each end-to-end
  // file waits for it in its setup file.
  globalSetup: ['tests/helpers/e2e-global-setup.ts'],
  setupFiles: ['tests/helpers/e2e-demo-data-ready.ts'],
  testTimeout: 240_000,
  hookTimeout: 240_000,
  // What a page does once its script runs may come a few seconds late on a slow or busy machine
  // (expect.poll's own default is one second); a poll that is satisfied returns at once.
  expect: { poll: { timeout: 10_000 } },
};

export default defineConfig({
  test: {
    // Unit and integration files two at a time even on two cores (Vitest's default there is one):
    // an integration file waits on PostgreSQL much of the time, each has a database of its own.
    // The end-to-end files follow, in two groups (below).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // The longest files first within each group, so that the workers finish together.
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        ...shared,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          sequence: { groupOrder: 0 },
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/helpers/database-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Auth.js's route handler is driven directly (tests/integration/sign-out.test.ts); next-auth
          // imports `next/server` without the extension, which only a bundler resolves.
          server: { deps: { inline: ['next-auth'] } },
        },
      },
      {
        ...shared,
        test: {
          ...e2e,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: E2E_ALONE,
          // As many files at a time as there are workers (two on two cores), once the unit and
          // integration files are done: a file spends much of its time waiting on its browser, its
          // server and its database.
          sequence: { groupOrder: 1 },
        },
      },
      {
        ...shared,
        test: {
          ...e2e,
          name: 'e2e-alone',
          include: E2E_ALONE,
          // Each alone, after the others: they time the app (an outage's recovery, an export) or step
          // its clock, and another file's load would blur what they measure.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
