import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * A DATABASE_URL whose password holds a character that ends the address's user part (`/`, `?`,
 * `#`) unencoded is read as another address: a host named after the user, a "port" or a
 * "database" made of the password. The commands refuse it in one line, never printing any of it.
 */

const backup = (databaseUrl: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-backup.ts', path.join(os.tmpdir(), 'never.jsonl.gz')], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });

describe('a DATABASE_URL with special characters unencoded in its password', () => {
  it.each([
    ['#', 'postgresql://app:Hunter#2x@db.example.org:5432/cw', ['Hunter', '2x']],
    ['?', 'postgresql://app:Hunter?2x@db.example.org:5432/cw', ['Hunter', '2x']],
    ['/', 'postgresql://app:9731/Sekr1t@db.example.org:5432/cw', ['9731', 'Sekr1t']],
    ['# after digits', 'postgresql://app:9731#Sekr1t@db.example.org:5432/cw', ['9731', 'Sekr1t']],
    ['@ then /', 'postgresql://app:Xy@9q/Zt7%kL@db.example.org:5432/cw', ['9q', 'Zt7']],
    ['@ then ?', 'postgresql://app:Xy@9q?Zt7@db.example.org:5432/cw', ['9q', 'Zt7']],
  ])('(%s) is refused in one line that shows no part of the password', (_what, url, parts) => {
    const result = backup(url);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr.trim()).toBe(
      'DATABASE_URL is not a valid postgresql:// address: percent-encode the special characters in its user name and password (/ ? # @ : % as %2F %3F %23 %40 %3A %25).',
    );
    for (const part of parts) {
      expect(result.stderr).not.toContain(part);
      expect(result.stdout).not.toContain(part);
    }
  });
});
