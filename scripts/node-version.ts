// Imported first by the commands: a Node.js outside package.json's engines (the range Prisma 7
// supports) fails further on in ways that do not say why (Prisma's engine panics on Node 18), so
// it is said at once.
import { readFileSync } from 'node:fs';

/** Whether "22.11.0" is within one part of a range: "^20.19" (20.19 or a later 20) or ">=24.0". */
function within(version: number[], part: string): boolean {
  const found = /^(\^|>=)\s*(\d+)(?:\.(\d+))?/.exec(part.trim());
  if (!found) return false;
  const [major = 0, minor = 0] = version;
  const [wantedMajor, wantedMinor] = [Number(found[2]), Number(found[3] ?? 0)];
  const atLeast = major > wantedMajor || (major === wantedMajor && minor >= wantedMinor);
  return found[1] === '^' ? major === wantedMajor && atLeast : atLeast;
}

/**
 * What is wrong with running on this version of Node.js ("18.20.4"), or null, for a range such as
 * "^20.19 || ^22.12 || >=24.0".
 */
export function nodeVersionProblem(version: string, range: string): string | null {
  const numbers = version.replace(/^v/, '').split('.').map(Number);
  const parts = range.split('||').map((part) => part.trim());
  if (parts.some((part) => within(numbers, part))) return null;
  // "^20.19" is 20.19 or a later 20; ">=24.0" is 24.0 or later.
  const said = parts.map((part) =>
    part.startsWith('^')
      ? `${part.slice(1)} or a later ${part.slice(1).split('.')[0]}`
      : `${part.replace(/^>=\s*/, '')} or later`,
  );
  const wanted = said.length > 1 ? `${said.slice(0, -1).join(', ')} or ${said.at(-1)}` : said[0];
  return (
    `Counterweight needs Node.js ${wanted}; this is Node.js ${numbers.join('.')}. ` +
    'Install a supported one (https://nodejs.org) and run the command again.'
  );
}

const engines = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;
const problem = nodeVersionProblem(process.versions.node, engines);
if (problem) {
  console.error(problem);
  process.exit(1);
}
