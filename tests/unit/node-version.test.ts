import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/node-version';

describe('the Node.js a command runs on', () => {
  it('is 20.19 or later, or the command says so before anything else', () => {
    for (const version of ['20.19.0', 'v20.20.2', '22.1.0', '24.0.0'])
      expect(nodeVersionProblem(version), version).toBeNull();
    expect(nodeVersionProblem('18.20.4')).toBe(
      'Counterweight needs Node.js 20.19 or later; this is Node.js 18.20.4. Install a newer one (https://nodejs.org) and run the command again.',
    );
    expect(nodeVersionProblem('v20.18.3')).toMatch(
      /^Counterweight needs Node.js 20.19 or later; this is Node.js 20.18.3\./,
    );
  });
});
