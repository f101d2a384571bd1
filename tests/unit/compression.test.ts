import { describe, expect, it } from 'vitest';
import { gzipAccepted } from '@/lib/compression';

describe('whether a client accepts gzip', () => {
  it('takes it named, as x-gzip or under *, with any weight above 0', () => {
    for (const header of [
      'gzip',
      'gzip, deflate, br',
      'br;q=1.0, gzip;q=0.8',
      'X-GZIP',
      '*',
      'br, *;q=0.1',
      'GZip ; q=0.001',
    ])
      expect(gzipAccepted(header), header).toBe(true);
  });

  it('refuses it at weight 0, when not named, and when * is refused and gzip not named', () => {
    for (const header of [
      '',
      'identity',
      'br, deflate',
      'gzip;q=0',
      'gzip; q=0.000',
      '*;q=0',
      'br, *;q=0',
      'gzip;q=0, *',
      'gzipx',
      'gzip;q=abc',
    ])
      expect(gzipAccepted(header), header).toBe(false);
  });
});
