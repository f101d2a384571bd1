import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/node-version';

const RANGE = '^20.19 || ^22.12 || >=24.0';

describe('the Node.js a command runs on', () => {
  it('is one Prisma supports, as package.json says, or the command says so before anything else', () => {
    for (const version of ['20.19.0', 'v20.20.2', '22.12.0', '22.20.1', '24.0.0', '25.1.0'])
      expect(nodeVersionProblem(version, RANGE), version).toBeNull();
    for (const version of ['18.20.4', '20.18.3', '21.7.0', '22.11.0', '23.11.1'])
      expect(nodeVersionProblem(version, RANGE), version).toBe(
        `Counterweight needs Node.js 20.19 or a later 20, 22.12 or a later 22 or 24.0 or later; this is Node.js ${version}. ` +
          'Install a supported one (https://nodejs.org) and run the command again.',
      );
    expect(nodeVersionProblem('20.18.0', '>=20.19')).toMatch(/^Counterweight needs Node.js 20.19 or later; this is/);
  });
});
