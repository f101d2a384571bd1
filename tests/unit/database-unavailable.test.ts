import { describe, expect, it } from 'vitest';
import { createDatabaseClient } from '../../lib/database/client';
import { isDatabaseUnavailable } from '../../lib/database/unavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises the error of a real client whose database cannot be reached', async () => {
    // Port 1 on the loopback address: nothing listens there, the connection is refused at once.
    const client = createDatabaseClient('postgres://nobody:nothing@127.0.0.1:1/none');
    const error = await client.company.findFirst().then(
      () => null,
      (caught: unknown) => caught,
    );
    await client.$disconnect();
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises the driver’s own errors, also wrapped as a cause', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('Client was closed and is not queryable'))).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('Raw query failed. Code: `N/A`. Message: `Server has closed the connection.`'), {
          code: 'P2010',
        }),
      ),
    ).toBe(true);
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(isDatabaseUnavailable(new Error('query failed', { cause: shutdown }))).toBe(true);
    expect(
      isDatabaseUnavailable({ code: 'P2034', meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } } }),
    ).toBe(true);
  });

  it('does not take a bad query, a constraint or an ordinary error for an outage', () => {
    expect(isDatabaseUnavailable(new Error('Something else'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
