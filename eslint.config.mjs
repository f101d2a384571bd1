import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // Links are plain anchors on purpose: next/link prefetches every link in view, each one a
      // request the page cache cannot answer (docs/decisions/011-plain-links.md).
      '@next/next/no-html-link-for-pages': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  globalIgnores(['.next/**', '.data/**', '.data-*/**', 'lib/generated/**', 'node_modules/**', 'next-env.d.ts']),
]);
