import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import type { Server } from 'node:http';

/** How often, while closing, connections that have gone idle are closed (ms). */
const IDLE_SWEEP_MS = 250;

/**
 * Fastify for a process that is asked to stop (SIGTERM). Node's `server.close()` closes the
 * connections idle at that moment and then waits for every other one to end; a kept-alive
 * connection that was busy then becomes idle after its response and stays open until the
 * client or the keep-alive timeout (Fastify's default: 72 s) ends it, so the process outlived
 * its grace. Here, from the moment Nest starts shutting down (`beforeClose`):
 *
 * - every response carries `Connection: close`, so each connection busy at SIGTERM ends with
 *   the response it was serving;
 * - while the server closes, connections that have gone idle are closed every 250 ms;
 * - when `graceMs` has passed, whatever connections remain are closed, so the process ends
 *   within its grace whatever a client or a stuck request does.
 *
 * `draining` says whether a request arrived after SIGTERM (the application turns it away).
 */
export class DrainingFastifyAdapter extends FastifyAdapter {
  private drainingSince?: number;

  constructor(
    options: FastifyServerOptions,
    private readonly graceMs: number,
  ) {
    super(options);
    this.getInstance().addHook('onSend', (_request, reply, payload, done) => {
      if (this.draining && !reply.raw.headersSent) void reply.header('Connection', 'close');
      done(null, payload);
    });
  }

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  override beforeClose(): void {
    super.beforeClose();
    this.drainingSince ??= Date.now();
  }

  override async close(): Promise<void> {
    this.drainingSince ??= Date.now();
    const server = this.getHttpServer<Server>();
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(
      () => server.closeAllConnections(),
      Math.max(0, this.drainingSince + this.graceMs - Date.now()),
    );
    try {
      await super.close();
    } finally {
      clearInterval(sweep);
      clearTimeout(deadline);
    }
  }
}
