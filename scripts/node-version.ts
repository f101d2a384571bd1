// Imported first by the commands: an older Node.js than package.json's engines fails further on in
// ways that do not say why (Prisma's engine panics on Node 18), so it is said at once.
import { readFileSync } from 'node:fs';

/** What is wrong with running on this version of Node.js ("18.20.4"), or null: 20.19 or later is needed. */
export function nodeVersionProblem(version: string, needed = '20.19'): string | null {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const [neededMajor = 0, neededMinor = 0] = needed.split('.').map(Number);
  if (major > neededMajor || (major === neededMajor && minor >= neededMinor)) return null;
  return `Counterweight needs Node.js ${needed} or later; this is Node.js ${version.replace(/^v/, '')}. Install a newer one (https://nodejs.org) and run the command again.`;
}

const engines = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;
const problem = nodeVersionProblem(process.versions.node, engines.replace(/^>=\s*/, ''));
if (problem) {
  console.error(problem);
  process.exit(1);
}
