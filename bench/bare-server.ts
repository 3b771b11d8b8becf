/**
 * The baseline: `node:http` and a `pg` pool answering the measured reads with the same SQL
 * shape and the same JSON the API sends, and nothing else (no framework, validation, policy,
 * logging or hooks). Started by the benchmark as its own process, like the API.
 *
 * Env: DATABASE_URL, PORT, JWT_SECRET (to verify tokens as the API does for `/me`),
 * PROGRAMME_IDS (the programme manager's programmes, comma-separated).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = process.env.JWT_SECRET ?? '';
const programmes = (process.env.PROGRAMME_IDS ?? '').split(',');

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

function cursorOf(url: URL): [string, string] | null {
  const c = url.searchParams.get('cursor');
  if (!c) return null;
  return JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as [string, string];
}

function nextCursor<T>(rows: T[], limit: number, key: (row: T) => [string, string]): string | null {
  if (rows.length <= limit) return null;
  return Buffer.from(JSON.stringify(key(rows[limit - 1])), 'utf8').toString('base64url');
}

/** The user id of a valid HS256 access token, as AccessTokenService checks it. */
function verify(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const [h, p, s] = header.replace(/^Bearer /, '').split('.');
  if (!h || !p || !s) return null;
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as {
    sub: string;
    exp: number;
    typ: string;
    iss: string;
    aud: string;
  };
  if (claims.typ !== 'access' || claims.exp * 1000 < Date.now() || claims.iss !== 'catalyst')
    return null;
  return claims.sub;
}

/** The same fields as the API's list (questions and rubric included: they are public). */
async function publicChallenges(url: URL): Promise<unknown> {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const cursor = cursorOf(url);
  const { rows } = await pool.query<Record<string, unknown> & { closes: string; id: string }>(
    `SELECT c.id, c.title, c.summary, c.problem_statement, c.tags, c.budget, c.questions, c.rubric,
            COALESCE(c.published_at, c.updated_at) AS published_at,
            c.round_id, r.name AS round_name, r.opens_at, r.closes_at, r.closes_at::text AS closes,
            r.timezone, o.id AS sponsor_id, o.name AS sponsor_name, p.slug AS programme_slug,
            p.name AS programme_name
       FROM challenges c
       JOIN rounds r ON r.id = c.round_id
       JOIN organisations o ON o.id = c.sponsor_organisation_id
       JOIN programmes p ON p.id = c.programme_id
      WHERE c.status = 'published' AND r.status = 'open' AND r.closes_at > now()
        AND ($1::timestamptz IS NULL OR (r.closes_at, c.id) > ($1::timestamptz, $2::uuid))
      ORDER BY r.closes_at, c.id LIMIT $3`,
    [cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
  );
  type Question = { key: string; label: string; type: string; required: boolean };
  type Criterion = { key: string; label: string; weight: number; maxScore: number };
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      problemStatement: r.problem_statement,
      tags: r.tags,
      sponsor: { id: r.sponsor_id, name: r.sponsor_name },
      budget: r.budget,
      questions: (r.questions as Question[]).map((q) => ({
        key: q.key,
        label: q.label,
        type: q.type,
        required: q.required,
      })),
      rubric: (r.rubric as Criterion[]).map((c) => ({
        key: c.key,
        label: c.label,
        weight: c.weight,
        maxScore: c.maxScore,
      })),
      publishedAt: r.published_at,
      round: {
        id: r.round_id,
        name: r.round_name,
        opensAt: r.opens_at,
        closesAt: r.closes_at,
        timezone: r.timezone,
      },
      programme: { slug: r.programme_slug, name: r.programme_name },
    })),
    nextCursor: nextCursor(rows, limit, (r) => [r.closes, r.id]),
  };
}

async function applications(url: URL): Promise<unknown> {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const cursor = cursorOf(url);
  const { rows } = await pool.query<Record<string, unknown> & { created: string; id: string }>(
    `SELECT a.id, a.challenge_id, a.round_id, a.programme_id, a.startup_organisation_id, a.status,
            a.answers, a.submitted_at, a.created_at, a.created_at::text AS created, a.updated_at,
            a.version, a.decision_reason, c.title, c.sponsor_organisation_id, s.name AS startup_name
       FROM applications a
       JOIN challenges c ON c.id = a.challenge_id
       JOIN rounds r ON r.id = c.round_id
       JOIN organisations s ON s.id = a.startup_organisation_id
      WHERE a.programme_id = ANY($1::uuid[])
        AND ($2::timestamptz IS NULL OR (a.created_at, a.id) < ($2::timestamptz, $3::uuid))
      ORDER BY a.created_at DESC, a.id DESC LIMIT $4`,
    [programmes, cursor?.[0] ?? null, cursor?.[1] ?? null, limit + 1],
  );
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      challengeId: r.challenge_id,
      roundId: r.round_id,
      programmeId: r.programme_id,
      startupOrganisationId: r.startup_organisation_id,
      status: r.status,
      answers: r.answers,
      submittedAt: r.submitted_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      decisionReason: r.decision_reason,
      challenge: {
        id: r.challenge_id,
        title: r.title,
        sponsorOrganisationId: r.sponsor_organisation_id,
      },
      startup: { id: r.startup_organisation_id, name: r.startup_name },
      allowedTransitions: [],
    })),
    nextCursor: nextCursor(rows, limit, (r) => [r.created, r.id]),
  };
}

async function progress(roundId: string): Promise<unknown> {
  const { rows } = await pool.query(
    `SELECT t.id AS "teamId", o.name AS "companyName", mp.status AS "planState",
            m.accepted, m.total, m.overdue, m.paid, m.payable, m.planned, pu.rag AS "latestRag",
            pu.created_at AS "latestRagAt"
       FROM teams t
       JOIN organisations o ON o.id = t.startup_organisation_id
       LEFT JOIN milestone_plans mp ON mp.team_id = t.id
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted, count(*)::int AS total,
                count(*) FILTER (WHERE due_on < current_date AND status <> 'accepted')::int AS overdue,
                COALESCE(sum(payment_amount_minor) FILTER (WHERE paid_on IS NOT NULL), 0)::int8 AS paid,
                COALESCE(sum(payment_amount_minor) FILTER (WHERE status = 'accepted' AND paid_on IS NULL), 0)::int8 AS payable,
                COALESCE(sum(payment_amount_minor) FILTER (WHERE status <> 'accepted'), 0)::int8 AS planned
           FROM milestones WHERE team_id = t.id) m
       LEFT JOIN LATERAL (
         SELECT rag, created_at FROM progress_updates WHERE team_id = t.id
          ORDER BY created_at DESC LIMIT 1) pu ON true
      WHERE t.round_id = $1
      ORDER BY o.name, t.id`,
    [roundId],
  );
  return { roundId, teams: rows };
}

/** The same JSON as the API's `/me`: memberships, managed programmes, preferences, feed URL. */
async function me(userId: string): Promise<unknown> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT u.id, u.email, u.name, u.version,
            COALESCE((SELECT json_agg(json_build_object('organisationId', o.id,
                               'organisationKind', o.kind, 'organisationName', o.name,
                               'role', m.role) ORDER BY o.name, m.role)
                        FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                       WHERE m.user_id = u.id), '[]') AS memberships,
            COALESCE((SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'slug', p.slug)
                             ORDER BY p.name, p.id)
                        FROM programmes p
                        JOIN memberships m ON m.organisation_id = p.operator_organisation_id
                       WHERE m.user_id = u.id AND m.role = 'programme_manager'), '[]') AS programmes,
            (SELECT non_essential_email FROM notification_preferences WHERE user_id = u.id)
              AS non_essential,
            (SELECT generation FROM calendar_feeds WHERE user_id = u.id) AS generation
       FROM users u
      WHERE u.id = $1 AND u.disabled_at IS NULL`,
    [userId],
  );
  const row = rows[0];
  if (!row) return null;
  const generation = Number(row.generation ?? 1);
  const feed = createHmac('sha256', secret).update(`${userId}:${generation}`).digest('base64url');
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    version: row.version,
    memberships: row.memberships,
    programmes: row.programmes,
    instanceAdmin: false,
    emailPreferences: { nonEssential: row.non_essential ?? true },
    calendarUrl: `http://127.0.0.1/api/v1/calendar.ics?token=${userId}.${generation}.${feed}`,
  };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://bare');
  const path = url.pathname;
  if (path === '/hello') return send(res, 200, { status: 'ok' });
  if (path === '/public/challenges') return send(res, 200, await publicChallenges(url));
  const userId = verify(req);
  if (!userId) return send(res, 401, { title: 'Unauthorized' });
  if (path === '/me') return send(res, 200, await me(userId));
  if (path === '/applications') return send(res, 200, await applications(url));
  const match = /^\/rounds\/([0-9a-f-]{36})\/progress$/.exec(path);
  if (match) return send(res, 200, await progress(match[1]));
  send(res, 404, { title: 'Not Found' });
}

createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    send(res, 500, { title: error instanceof Error ? error.message : 'error' });
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.send?.('ready');
});
