import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../lib/log';

describe('a log line', () => {
  it('keeps its own time, level and message when the context has keys of the same names', () => {
    const before = Date.now();
    const entry = JSON.parse(
      formatLogLine('error', 'A', { message: 'B', level: 'info', time: 'x', route: '/r' }, 'req-1'),
    ) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'error',
      message: 'A',
      requestId: 'req-1',
      route: '/r',
      // Nothing is lost: the context's own values are kept beside.
      context: { message: 'B', level: 'info', time: 'x' },
    });
    expect(Date.parse(entry.time as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('removes secrets from the context it keeps aside too', () => {
    const line = formatLogLine('warn', 'A', { message: 'postgresql://me:hunter2@db.example.org/cw' });
    expect(line).not.toContain('hunter2');
    expect(JSON.parse(line)).toMatchObject({
      message: 'A',
      context: { message: expect.stringContaining('db.example.org') },
    });
  });
});
