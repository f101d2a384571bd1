// The production server (scripts/serve.ts) runs as plain JavaScript: it is bundled with esbuild
// (its own code and lib/'s, packages left to node_modules) next to the build it serves. Run through
// the TypeScript loader instead, the server kept the loader and its worker thread for its whole
// life: about 80 MB more resident memory.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles scripts/serve.ts into `<appDir>/.next/counterweight-serve.mjs` (a few tenths of a second)
 * and returns its path. The file is written beside it and renamed into place, whole: another start
 * of the same app (a second terminal, tests side by side) may be loading it at that moment.
 */
export function bundleServer(appDir: string = root): string {
  const outfile = path.join(appDir, '.next', 'counterweight-serve.mjs');
  const [bundle] = buildSync({
    entryPoints: [path.join(root, 'scripts', 'serve.ts')],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  }).outputFiles;
  if (!bundle) throw new Error('esbuild wrote no server bundle');
  const partial = `${outfile}.${process.pid}.tmp`;
  fs.writeFileSync(partial, bundle.contents);
  fs.renameSync(partial, outfile);
  return outfile;
}
