import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { Socket, connect } from 'node:net';
import { Harness } from '@catalyst/testing';
import { createApi } from '../../apps/api/src/bootstrap/create-api';

/** One raw HTTP/1.1 exchange on its own socket, so the test controls when each byte leaves. */
class RawConnection {
  private readonly socket: Socket;
  private received = '';
  readonly ended: Promise<void>;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => (this.received += chunk));
    this.ended = new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  send(text: string): void {
    this.socket.write(text);
  }

  /** The first response on the connection: status, headers (lower-case) and body. */
  async response(): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const split = this.received.indexOf('\r\n\r\n');
      if (split >= 0) {
        const [statusLine, ...lines] = this.received.slice(0, split).split('\r\n');
        const headers = Object.fromEntries(
          lines.map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
          }),
        );
        const body = this.received.slice(split + 4);
        if (body.length >= Number(headers['content-length'] ?? 0)) {
          return { status: Number(statusLine.split(' ')[1]), headers, body };
        }
      }
      if (Date.now() > deadline) throw new Error(`no full response yet: ${this.received}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}

const LOGIN = JSON.stringify({ email: 'nobody@example.org', password: 'not the password' });

function loginHead(): string {
  return (
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n' +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(LOGIN)}\r\n\r\n`
  );
}

/**
 * What SIGTERM does to the API (main.ts: Nest's shutdown hooks, then the HTTP server closes):
 * requests already being served finish and their kept-alive connections close with them (one
 * left open held the process for the 72 s keep-alive timeout); requests that arrive are turned
 * away with a 503 problem on a connection that closes.
 */
describe('the API shutting down', () => {
  const h = new Harness();
  let api: NestFastifyApplication;
  let port: number;
  const connections: RawConnection[] = [];

  beforeAll(async () => {
    await h.setup();
    api = await createApi(h.config, { clock: h.clock, queuePrefix: h.queuePrefix });
    await api.listen({ port: 0, host: '127.0.0.1' });
    port = (api.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const connection of connections) connection.destroy();
    await api?.close();
    await h.teardown();
  });

  function open(): RawConnection {
    const connection = new RawConnection(port);
    connections.push(connection);
    return connection;
  }

  it('finishes the request in flight, turns new ones away with a 503 problem, and closes', async () => {
    // A request in flight: its headers are in, half its body is still to come.
    const inFlight = open();
    inFlight.send(loginHead() + LOGIN.slice(0, 10));
    // A kept-alive connection that has served a request and is idle.
    const idle = open();
    idle.send('GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect((await idle.response()).status).toBe(200);

    // SIGTERM's first step (Nest's shutdown calls the adapter's beforeClose, then the hooks,
    // then closes the server): from here on, requests that arrive are turned away.
    api.getHttpAdapter().beforeClose?.();
    const late = open();
    late.send(loginHead() + LOGIN);
    const turnedAway = await late.response();
    expect(turnedAway.status).toBe(503);
    expect(turnedAway.headers).toMatchObject({
      'content-type': expect.stringMatching(/^application\/problem\+json/),
      connection: 'close',
      'retry-after': '2',
    });
    expect(JSON.parse(turnedAway.body)).toEqual({
      type: 'about:blank',
      code: 'server.unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: expect.stringMatching(/shutting down/),
    });
    await late.ended;

    const started = Date.now();
    const closing = api.close();
    // The rest of the body arrives while the server is closing: the request is served.
    inFlight.send(LOGIN.slice(10));
    const served = await inFlight.response();
    expect(served.status).toBe(401);
    expect(served.headers.connection).toBe('close');
    await Promise.all([inFlight.ended, idle.ended, closing]);
    // Well inside the grace (20 s), let alone the 72 s a kept-alive connection could hold it.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
