import autocannon from 'autocannon';
import { FULL, report } from '../support/scenario';
import { Stack } from '../support/stack';
import { Workload } from '../support/workload';

/** What this burst reads of autocannon's options and result (the package ships no types). */
interface LoadRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface LoadResult {
  errors: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
}
const load = autocannon as unknown as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: {
    setupRequest: (request: LoadRequest, context: { note?: string }) => LoadRequest;
    onResponse: (status: number, body: string, context: { note?: string }) => void;
  }[];
}) => Promise<LoadResult>;

/**
 * A bounded burst of mixed reads and writes across the modules (loopback only): no 5xx, every
 * write answered 201 is in the database, p99 reported. CI runs it short; `--full` runs
 * 60 s at 50 connections.
 */
describe('load', () => {
  const stack = new Stack();
  const workload = new Workload(stack);
  const seconds = FULL ? 60 : 10;
  const connections = FULL ? 50 : 10;

  beforeAll(async () => {
    await stack.start();
    await Promise.all([stack.startApi(), stack.startWorker()]);
    await workload.prepare(stack.apis[0]);
  }, 180_000);
  afterAll(async () => {
    await workload.close();
    await stack.stop();
  });

  it('answers a mixed burst without a 5xx and loses no write', async () => {
    const api = stack.apis[0];
    const founders = await workload.founders(10);
    // Drafts to read back (applications list, notifications, the ranking's inputs).
    for (const founder of founders.slice(0, 5)) await workload.write(api, founder);
    const manager = workload.manager.bearer;
    const json = { 'content-type': 'application/json' };
    let n = 0;
    const confirmedNotes: string[] = [];
    const reads: { path: string; bearer?: string }[] = [
      { path: '/api/v1/public/challenges' },
      { path: `/api/v1/challenges?roundId=${workload.roundId}`, bearer: manager },
      { path: `/api/v1/rounds/${workload.roundId}`, bearer: manager },
      { path: '/api/v1/applications?limit=20', bearer: manager },
      { path: '/api/v1/programmes', bearer: manager },
      { path: `/api/v1/audit?entityType=round&entityId=${workload.roundId}`, bearer: manager },
    ];
    const result = await load({
      url: api.base,
      connections,
      duration: seconds,
      requests: [
        {
          setupRequest: (request, context): LoadRequest => {
            const i = n++;
            context.note = undefined;
            const founder = founders[i % founders.length];
            if (i % 4 === 0) {
              context.note = `load-${i}`;
              return {
                ...request,
                method: 'POST',
                path: `/api/v1/organisations/${founder.organisationId}/outcomes`,
                headers: { ...json, authorization: founder.bearer },
                body: JSON.stringify({
                  kind: 'jobs',
                  count: 1,
                  reportedOn: '2026-11-30',
                  note: context.note,
                }),
              };
            }
            if (i % 4 === 1) {
              return {
                ...request,
                method: 'GET',
                path: '/api/v1/notifications',
                headers: { authorization: founder.bearer },
              };
            }
            const read = reads[i % reads.length];
            return {
              ...request,
              method: 'GET',
              path: read.path,
              headers: read.bearer ? { authorization: read.bearer } : {},
            };
          },
          // Connections send one request at a time, so the context is this response's request.
          onResponse: (status, _body, context) => {
            if (status === 201 && context.note) confirmedNotes.push(context.note);
          },
        },
      ],
    });
    const statuses = result.statusCodeStats;
    const fiveHundreds = Object.entries(statuses)
      .filter(([code]) => Number(code) >= 500)
      .reduce((sum, [, s]) => sum + s.count, 0);
    const rows = await stack.pg.query<{ note: string; n: number; audited: boolean }>(
      `SELECT o.note, count(*)::int AS n,
              bool_and(EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = o.id::text)) AS audited
         FROM outcomes o WHERE o.note LIKE 'load-%' GROUP BY o.note`,
    );
    const stored = new Map(rows.map((r) => [r.note, r]));
    const lost = confirmedNotes.filter((note) => !stored.has(note));
    const duplicates = rows.filter((r) => r.n > 1).length;
    expect(result.errors).toBe(0);
    expect(fiveHundreds).toBe(0);
    expect(Object.keys(statuses).sort()).toEqual(['200', '201']);
    // Every write answered 201 is there once, with its audit row. (A few more rows than answers
    // is expected: autocannon stops without reading the answers still in flight.)
    expect(confirmedNotes.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(duplicates).toBe(0);
    expect(rows.filter((r) => !r.audited)).toEqual([]);
    report('load', {
      requests: result.requests.total,
      writesChecked: confirmedNotes.length,
      duplicates,
      seconds,
      connections,
      requestsPerSecond: Math.round(result.requests.average),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      status5xx: fiveHundreds,
      lostWrites: lost.length,
    });
  }, 240_000);
});
