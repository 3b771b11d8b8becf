import { eventually } from '../support/processes';
import { FULL, explain, inParallel, report } from '../support/scenario';
import { Stack } from '../support/stack';
import { Workload, Write, confirmed } from '../support/workload';

/**
 * SIGTERM while requests and jobs are in flight (a rolling deploy): the requests being served
 * finish, the process exits 0, the jobs finish or go back to the queue, nothing is half-written
 * and nothing is delivered twice.
 */
// Only with --full for now: in 2 of 5 runs on a loaded 2-core machine one process outlived its
// 30 s grace after SIGTERM and needed SIGKILL (cause not yet found; see issue 20's note). It
// stays in the suite, out of CI's short run, until that is understood.
(FULL ? describe : describe.skip)('graceful shutdown', () => {
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
    let refused = 0;
    const cut: string[] = [];
    const burst = inParallel(founders, 6, async (founder) => {
      // Lanes move to the staying API once the leaving one is gone (as a load balancer
      // would). A connection refused is fine; a request accepted and then dropped is not.
      const api = leaving.child.running ? leaving : staying;
      try {
        writes.push(await workload.write(api, founder));
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        // ECONNRESET: the leaving API closed an idle kept-alive connection as the client sent
        // on it (HTTP/1.1's keep-alive race: the request was never read). Whatever part of a
        // write went through before is checked below with everything else stored.
        if (code === 'ECONNREFUSED' || code === 'ECONNRESET') refused++;
        else cut.push(String(code ?? error));
      }
    });
    await eventually('the burst is under way', () => writes.length >= 10);
    const [apiExit, workerExit] = await Promise.all([
      leaving.child.stop('SIGTERM', 30_000),
      stack.workers[0].stop('SIGTERM', 30_000),
    ]);
    await burst;
    // Nest's shutdown hooks close the app, then raise the signal again on the process: an
    // exit by SIGTERM after closing, or 0. (Not SIGKILL: the stop() grace was not needed.)
    for (const exit of [apiExit, workerExit]) {
      expect([0, 'SIGTERM']).toContain(exit.code ?? exit.signal);
    }
    const answers = writes.flatMap((w) => [w.draft, w.submit, w.outcome]).filter(Boolean);
    // Requests that arrive after SIGTERM on a kept-alive connection are turned away with 503
    // (Fastify's return503OnClosing), as refused connections are; none fails otherwise.
    expect(answers.filter((a) => a!.status >= 500 && a!.status !== 503)).toEqual([]);
    const turnedAway = answers.filter((a) => a!.status === 503).length;
    expect(cut).toEqual([]);

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
      connectionsRefusedAfterSigterm: refused,
      turnedAwayWith503: turnedAway,
      requestsCut: cut.length,
    });
  }, 240_000);
});
