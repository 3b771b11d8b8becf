/**
 * Reports over the whole dataset: each kind built by the real worker process, as a programme
 * manager asks for it through the API, with the worker's resident memory sampled while it
 * builds (the peak is the figure: a report over ten years must not take the worker down).
 */
import { readFileSync } from 'node:fs';
import type { Client } from 'pg';
import type { Sample } from './measure';

export interface ReportRequest {
  name: string;
  body: Record<string, unknown>;
}

export interface ReportRun extends Sample {
  /** The worker's peak resident set while it built the report, in MB. */
  peakRssMb: number;
  /** The worker's resident set just before, in MB. */
  startRssMb: number;
  sizeBytes: number;
}

/** The resident set of a process (Linux /proc), in MB; null when it cannot be read. */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Asks for one report through the API and waits for the worker to finish it, sampling the
 * worker's resident memory every 20 ms; refuses a report that ends `failed`.
 */
export async function buildReport(
  api: string,
  headers: Record<string, string>,
  request: ReportRequest,
  workerPid: number,
  db: Client,
): Promise<ReportRun> {
  // Identical requests within the deduplication window return the report already asked for:
  // each run must build anew, so the earlier ones give up their key (the bench owns this database).
  await db.query('UPDATE reports SET dedup_key = NULL WHERE dedup_key IS NOT NULL');
  const startRssMb = rssMb(workerPid) ?? 0;
  let peak = startRssMb;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, rssMb(workerPid) ?? 0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const started = process.hrtime.bigint();
  try {
    const res = await fetch(`${api}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(request.body),
    });
    if (res.status !== 202) throw new Error(`POST /reports: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    for (;;) {
      const view = (await (await fetch(`${api}/reports/${id}`, { headers })).json()) as {
        status: string;
        error: string | null;
        sizeBytes: number | null;
      };
      if (view.status === 'done') {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        return { value: seconds, peakRssMb: peak, startRssMb, sizeBytes: view.sizeBytes ?? 0 };
      }
      if (view.status === 'failed') throw new Error(`${request.name} failed: ${view.error}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    sampling = false;
    await sampler;
  }
}

/**
 * Brings the programme's contracts up to `total` (post-programme kinds, awarded, to the
 * cohort's companies from any sponsor), so the impact report is built over that many.
 */
export async function growContracts(
  db: Client,
  programmeId: string,
  total: number,
): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM contracts WHERE programme_id = $1',
    [programmeId],
  );
  const missing = total - Number(rows[0].n);
  if (missing <= 0) return Number(rows[0].n);
  await db.query(
    `WITH t AS (SELECT id, round_id, startup_organisation_id, created_at,
                       row_number() OVER (ORDER BY id) - 1 AS n FROM teams WHERE programme_id = $1),
          s AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM organisations WHERE kind = 'sponsor'),
          counts AS (SELECT (SELECT count(*) FROM t) AS teams, (SELECT count(*) FROM s) AS sponsors)
     INSERT INTO contracts (programme_id, round_id, team_id, buyer_organisation_id, startup_organisation_id,
                            sponsor_organisation_id, kind, reference, title, procurement_route,
                            value_amount_minor, currency, starts_on, ends_on, status, awarded_at, version)
     SELECT $1, t.round_id, NULL, s.id, t.startup_organisation_id, s.id,
            (ARRAY['follow_on','commercial','framework_call_off'])[1 + i % 3],
            'X-' || lpad(i::text, 7, '0'), 'Adopted product ' || i, 'framework',
            1000000 + (i % 97) * 25000, CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'GBP' END,
            t.created_at::date + 200, t.created_at::date + 565, 'active',
            t.created_at + make_interval(days => 200 + i % 700), 1
       FROM counts CROSS JOIN generate_series(0, $2::int - 1) i
       JOIN t ON t.n = i % counts.teams
       JOIN s ON s.n = (i / 7) % counts.sponsors`,
    [programmeId, missing],
  );
  return total;
}
