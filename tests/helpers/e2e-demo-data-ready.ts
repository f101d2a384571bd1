import { existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { demoDataMarkers } from './e2e-global-setup';

/**
 * The end-to-end files' setup file: each waits here until the run's demo data folder is made
 * (tests/helpers/e2e-global-setup.ts makes it while the other tests run), so that no file starts
 * an app, or a build of its own, before the run's build is done.
 */
const folder = inject('demoDataFolder');
const markers = demoDataMarkers(folder);
// Longer than the setup gives the build and the demo data (10 minutes), so that its reason is the one told.
const deadline = Date.now() + 900_000;
while (!existsSync(markers.ready)) {
  if (existsSync(markers.failed)) {
    throw new Error(
      `The demo data for the end-to-end tests could not be made:\n${readFileSync(markers.failed, 'utf8')}`,
    );
  }
  if (Date.now() > deadline)
    throw new Error(`The demo data for the end-to-end tests was not made in 15 minutes (${folder}).`);
  await new Promise((resolve) => setTimeout(resolve, 250));
}
