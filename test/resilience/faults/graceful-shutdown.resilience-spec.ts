import { eventually } from '../support/processes';
import { explain, inParallel, report } from '../support/scenario';
import { Answer, ApiProcess, Stack } from '../support/stack';
import { Workload, Write, confirmed } from '../support/workload';

/** What Kubernetes (terminationGracePeriodSeconds) gives a pod after SIGTERM before SIGKILL. */
const PLATFORM_GRACE_MS = 30_000;

/**
 * SIGTERM while requests and jobs are in flight (a rolling deploy): the requests being served
 * finish, any that arrive later are turned away with a 503 problem on a connection that closes,
 * both processes exit 0 well inside the platform's grace (no SIGKILL), the jobs finish or go
 * back to the queue, nothing is half-written and nothing is delivered twice.
 *
 * Both processes run with the default SHUTDOWN_GRACE_MS (20 s). Before the API closed the
 * connections it was serving at SIGTERM, one of them kept the process alive for Fastify's
 * 72 s keep-alive timeout whenever the client did not send on it again (2 runs in 5).
 */
describe('graceful shutdown', () => {
  const stack = new Stack();
  const workload = new Workload(stack);

  beforeAll(async () => {
    await stack.start();
    await Promise.all([stack.startApi(), stack.startApi(), stack.startWorker()]);
    await workload.prepare(stack.apis[1]);
  }, 180_000);
  afterAll(async () => {
    await workload.close();
    await stack.stop();
  });

  it('finishes the requests and jobs in flight on SIGTERM and loses nothing', async () => {
    const [leaving, staying] = stack.apis;
    const founders = await workload.founders(60);
    const writes: Write[] = [];
    const onLeaving = new Set<Write>();
    let refused = 0;
    let leavingOut = false;
    const cut: string[] = [];
    const burst = inParallel(founders, 6, async (founder) => {
      // A load balancer: the leaving API gets requests until it first turns one away (a refused
      // or reset connection, or a 503), then it is out of rotation and the lanes go on through
      // the staying one. A request accepted and then dropped is not fine.
      const api: ApiProcess = leavingOut ? staying : leaving;
      try {
        const write = await workload.write(api, founder);
        writes.push(write);
        if (api === leaving) onLeaving.add(write);
        if (turnedAway(write)) leavingOut ||= api === leaving;
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        // ECONNRESET: the leaving API closed an idle kept-alive connection as the client sent
        // on it (HTTP/1.1's keep-alive race: the request was never read). Whatever part of a
        // write went through before is checked below with everything else stored.
        if (api === leaving && (code === 'ECONNREFUSED' || code === 'ECONNRESET')) {
          refused++;
          leavingOut = true;
        } else cut.push(String(code ?? error));
      }
    });
    await eventually('the burst is under way', () => writes.length >= 10);
    const stopping = Date.now();
    const timed = (stop: ReturnType<ApiProcess['child']['stop']>) =>
      stop.then((exit) => ({ ...exit, ms: Date.now() - stopping }));
    const [apiExit, workerExit] = await Promise.all([
      timed(leaving.child.stop('SIGTERM', PLATFORM_GRACE_MS)),
      timed(stack.workers[0].stop('SIGTERM', PLATFORM_GRACE_MS)),
    ]);
    await burst;
    // Exit code 0 after the shutdown hooks, not a signal: in particular not the SIGKILL that
    // stop() sends once the platform's grace is over.
    expect({ api: apiExit.code, worker: workerExit.code }).toEqual({ api: 0, worker: 0 });
    expect({ api: apiExit.signal, worker: workerExit.signal }).toEqual({ api: null, worker: null });

    const answers = writes.flatMap((w) => [w.draft, w.submit, w.outcome]).filter(isAnswer);
    // Requests that arrive after SIGTERM are turned away with a 503 problem asking the client to
    // retry (elsewhere) on a connection that closes; nothing fails otherwise.
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    const turned = answers.filter((a) => a.status === 503);
    for (const answer of turned) {
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 503, code: 'server.unavailable' });
      expect(answer.headers).toMatchObject({ connection: 'close', 'retry-after': '2' });
    }
    // Only the leaving API turns requests away; the staying one served everything after.
    expect([...writes].filter((w) => !onLeaving.has(w)).filter(turnedAway)).toEqual([]);
    expect(cut).toEqual([]);
    const servedByStaying = writes.filter((w) => !onLeaving.has(w) && confirmed(w)).length;
    expect(servedByStaying).toBeGreaterThan(0);

    // A new worker takes what was left in the queue and the outbox.
    await stack.startWorker();
    const done = writes.filter(confirmed);
    const { duplicates, checked, redeliveries } = await workload.audit(done).catch(explain(stack));
    await workload.consistency();
    expect(duplicates).toBe(0);
    report('graceful-shutdown', {
      requests: answers.length,
      writesChecked: checked,
      duplicates,
      webhookRedeliveries: redeliveries,
      apiExitMs: apiExit.ms,
      workerExitMs: workerExit.ms,
      connectionsRefusedAfterSigterm: refused,
      turnedAwayWith503: turned.length,
      writesServedByStayingApi: servedByStaying,
      requestsCut: cut.length,
    });
  }, 240_000);
});

function isAnswer(answer: Answer | undefined): answer is Answer {
  return answer !== undefined;
}

function turnedAway(write: Write): boolean {
  return [write.draft, write.submit, write.outcome].some((a) => a?.status === 503);
}
