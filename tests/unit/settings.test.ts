import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { numberSettingProblem, onOffSetting, onOffSettingProblem, settingsProblem } from '@/lib/env';

describe('an on-or-off setting', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is on unset or said on, off said any usual way, and refused, named, when it is neither', () => {
    for (const value of [undefined, '', 'on', 'TRUE', ' yes ', '1']) {
      vi.stubEnv('COUNTERWEIGHT_DEMO_DATA', value);
      expect([value, onOffSetting('COUNTERWEIGHT_DEMO_DATA')]).toEqual([value, true]);
      expect(onOffSettingProblem('COUNTERWEIGHT_DEMO_DATA')).toBeNull();
    }
    for (const value of ['off', 'Off', 'false', 'no', '0']) {
      vi.stubEnv('COUNTERWEIGHT_DEMO_DATA', value);
      expect([value, onOffSetting('COUNTERWEIGHT_DEMO_DATA')]).toEqual([value, false]);
    }
    vi.stubEnv('COUNTERWEIGHT_DEMO_DATA', 'flase');
    expect(onOffSetting('COUNTERWEIGHT_DEMO_DATA')).toBeNull();
    expect(onOffSettingProblem('COUNTERWEIGHT_DEMO_DATA')).toBe(
      'COUNTERWEIGHT_DEMO_DATA must be on or off (or true or false, yes or no, 1 or 0), not "flase".',
    );
  });
});

describe('a whole-number setting', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is taken unset or whole in its range, and refused, named with its range, otherwise', () => {
    for (const value of [undefined, '', '0', '60', ' 120 ', '86400']) {
      vi.stubEnv('COUNTERWEIGHT_PAGE_CACHE_SECONDS', value);
      expect([value, numberSettingProblem('COUNTERWEIGHT_PAGE_CACHE_SECONDS')]).toEqual([value, null]);
    }
    for (const value of ['abc', '-1', '1.5', '1e3', '86401', '0x10']) {
      vi.stubEnv('COUNTERWEIGHT_PAGE_CACHE_SECONDS', value);
      expect(numberSettingProblem('COUNTERWEIGHT_PAGE_CACHE_SECONDS'), value).toBe(
        `COUNTERWEIGHT_PAGE_CACHE_SECONDS must be a whole number from 0 to 86,400, such as 60, not ${JSON.stringify(value)}.`,
      );
    }
    vi.stubEnv('COUNTERWEIGHT_PAGE_CACHE_SECONDS', '60');
    vi.stubEnv('COUNTERWEIGHT_PROXY_HOPS', 'two');
    expect(settingsProblem()).toBe(
      'COUNTERWEIGHT_PROXY_HOPS must be a whole number from 0 to 10, such as 1, not "two".',
    );
    vi.stubEnv('COUNTERWEIGHT_DEMO_DATA', 'flase');
    expect(settingsProblem()).toMatch(/^COUNTERWEIGHT_DEMO_DATA must be on or off/);
    vi.stubEnv('COUNTERWEIGHT_EXPORT_IDLE_SECONDS', '0');
    vi.stubEnv('COUNTERWEIGHT_DEMO_DATA', 'off');
    vi.stubEnv('COUNTERWEIGHT_PROXY_HOPS', '1');
    expect(settingsProblem()).toMatch(/^COUNTERWEIGHT_EXPORT_IDLE_SECONDS must be a whole number from 1 to 86,400/);
  });
});

describe('the .env files', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => fs.rm(folder, { recursive: true, force: true }))));

  /** Reads a folder's .env files in a process of its own (they are read once per process), with the environment given. */
  async function readIn(files: Record<string, string>, env: Record<string, string>) {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'counterweight-env-'));
    folders.push(folder);
    for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(folder, name), text);
    // Without the tests' own guard (vitest.config.ts), which stops any .env from being read.
    // Nor Vitest's NODE_ENV=test, under which .env.local is not read (as Next.js has it).
    const { __NEXT_PROCESSED_ENV: _guard, NODE_ENV: _mode, SITE_URL: _site, PORT: _port, ...inherited } = process.env;
    const script = `const { readEnvFiles } = await import('./lib/env-files.ts');
      const read = readEnvFiles(${JSON.stringify(folder)}, false);
      console.log(JSON.stringify({ read, site: process.env.SITE_URL ?? null, port: process.env.PORT ?? null }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...inherited, ...env } as NodeJS.ProcessEnv,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    return {
      ...(JSON.parse(run.stdout) as { read: string[]; site: string | null; port: string | null }),
      said: run.stderr,
    };
  }

  it('are read as the server reads them, .env.local over .env, the environment over both, and said to be', async () => {
    const result = await readIn(
      {
        '.env': 'SITE_URL=https://from-env.example.org\nPORT=3300\n',
        '.env.local': 'SITE_URL=https://from-env-local.example.org\n',
      },
      { PORT: '4000' },
    );
    expect(result.site).toBe('https://from-env-local.example.org');
    expect(result.port).toBe('4000');
    expect(result.read).toEqual(['.env.local', '.env']);
    expect(result.said).toContain('Settings read from .env.local, .env (the environment wins over them).');
  });

  it('are neither read nor said to be where the environment marks them read (the tests do)', async () => {
    const result = await readIn(
      { '.env': 'SITE_URL=https://from-env.example.org\n' },
      { __NEXT_PROCESSED_ENV: 'true' },
    );
    expect(result).toEqual({ read: [], site: null, port: null, said: '' });
  });

  it('say nothing when there are none', async () => {
    const result = await readIn({}, {});
    expect(result).toEqual({ read: [], site: null, port: null, said: '' });
  });
});
