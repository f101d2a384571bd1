import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);
const shared = {
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React Server Components; the data layer is tested directly.
      'server-only': path.join(root, 'tests', 'helpers', 'server-only-stub.ts'),
    },
  },
};

export default defineConfig({
  test: {
    // Unit and integration files two at a time even on two cores (Vitest's default there is one):
    // an integration file waits on PostgreSQL much of the time, each has a database of its own.
    // The end-to-end files follow, one at a time.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
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
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/e2e-global-setup.ts'],
          // One production server at a time on two cores, once the other files are done.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
