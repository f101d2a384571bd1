// The production server (scripts/serve.ts) runs as plain JavaScript: it is bundled with esbuild
// (its own code and lib/'s, packages left to node_modules) next to the build it serves. Run through
// the TypeScript loader instead, the server kept the loader and its worker thread for its whole
// life: about 80 MB more resident memory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles scripts/serve.ts into `<appDir>/.next/counterweight-serve.mjs` (a few tenths of a second) and returns its path. */
export function bundleServer(appDir: string = root): string {
  const outfile = path.join(appDir, '.next', 'counterweight-serve.mjs');
  buildSync({
    entryPoints: [path.join(root, 'scripts', 'serve.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  return outfile;
}
