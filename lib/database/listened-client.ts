import pg from 'pg';

/**
 * A connection that always has a listener for its 'error' event. When the database ends a connection
 * (stopping, restarting), pg reports it to the query then running and also emits 'error' on the
 * connection, sometimes a second time after the pool has taken its own one-time listener off (a
 * query's connection, released): an event with no listener is thrown, and the server logged an
 * uncaught exception in the middle of an outage. The queries still fail, as an outage, and the pool
 * still drops the connection: this listener only keeps the event from being thrown.
 */
export class ListenedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
