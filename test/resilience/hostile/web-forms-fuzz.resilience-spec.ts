import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Role } from '@catalyst/identity';
import { Harness } from '@catalyst/testing';
import { PAGE_ACCESS, PageAccess } from '../../../apps/web/src/session/page-access.decorator';
import { WebClient, csrfTokenIn, startWeb } from '../../web/support/web-app';
import { WEB_EXPECTATIONS } from './access-expectations';
import { AccessWorld, Caller, buildAccessWorld, fillPath } from './lib/access-world';
import { RowCounter } from './lib/fuzz-world';
import { Route, routeTable } from './lib/route-table';

/**
 * Every form of the web application, fuzzed: signed in as someone the page is for, with a valid
 * session and CSRF token, junk in every field the page's form has (found by reading the pages)
 * and fields it does not have. Never a 5xx; a refusal (a form error page or another 4xx) writes
 * nothing. Fixed seed (FUZZ_SEED), printed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_2027);
const RUNS = Number(process.env.WEB_FUZZ_RUNS ?? 6);

const JUNK = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202egnp.exe',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '{{ 7 * 7 }}',
  '{% include "x" %}',
  '../../etc/passwd',
  '-1',
  '1e309',
  '99999999999999999999',
  '2027-02-30',
  'javascript:alert(1)',
  'x'.repeat(20_000),
  '%',
  '%zz',
  'true',
  'null',
];

/** Percent-encodes each UTF-16 unit, lone surrogates included. */
function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    out +=
      code >= 0xd800 && code <= 0xdfff
        ? Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)])
            .toString('hex')
            .replace(/(..)/g, '%$1')
        : encodeURIComponent(ch);
  }
  return out;
}

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
);

/** A urlencoded body: each known field junk, absent or repeated, plus stray and polluting keys. */
const formBody = (fields: string[]) =>
  fc
    .tuple(
      fc.tuple(
        ...fields.map((f) =>
          fc.oneof(
            { weight: 4, arbitrary: value.map((v) => [[f, v]] as [string, string][]) },
            { weight: 1, arbitrary: fc.constant([] as [string, string][]) },
            {
              weight: 1,
              arbitrary: fc.tuple(value, value).map(([a, b]) => [
                [f, a],
                [f, b],
              ]),
            },
          ),
        ),
      ),
      fc.constantFrom<[string, string][]>(
        [],
        [],
        [['__proto__[polluted]', 'yes']],
        [['constructor[prototype][polluted]', 'yes']],
        [['unknown', 'x']],
        [['a[b][c][d][e][f]', 'deep']],
      ),
      fc.constantFrom(
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded',
        'application/json',
        'text/plain',
      ),
      fc.boolean(),
    )
    .map(([parts, extra, contentType, raw]) => ({
      pairs: [...parts.flat(), ...extra],
      contentType,
      /** A raw body that is not urlencoded at all. */
      raw: raw && contentType !== 'application/x-www-form-urlencoded' ? '{"broken": ' : undefined,
    }));

const CALLER_OF: Record<Role, Caller> = {
  startup_member: 'startup',
  assessor: 'assessor',
  sponsor: 'sponsor',
  programme_manager: 'pm',
};

describe('every web form, fuzzed', () => {
  const h = new Harness({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '100000' } });
  const counter = new RowCounter(h);
  let web: NestFastifyApplication;
  let world: AccessWorld;
  let routes: Route<PageAccess>[];

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    web = await startWeb(h);
    world = await buildAccessWorld(h);
    routes = routeTable<PageAccess>(web, PAGE_ACCESS);
    await counter.start();
  });
  afterAll(async () => {
    await counter.stop();
    await web?.close();
    await h.teardown();
  });

  const callerFor = (route: Route<PageAccess>): Caller => {
    const policy = WEB_EXPECTATIONS[route.key]?.policy;
    if (policy === 'public') return 'anonymous';
    if (Array.isArray(policy)) return CALLER_OF[policy[0]];
    return 'startup';
  };
  const client = async (caller: Caller) => {
    const c = new WebClient(web);
    if (caller !== 'anonymous') {
      const u = world.users[caller];
      await c.signIn(u.email, u.password);
    }
    return c;
  };

  /** The fields of each form action, read from every page the right caller can open. */
  async function formFields(): Promise<Map<string, Set<string>>> {
    const posts = routes.filter((r) => r.method === 'POST');
    const fields = new Map<string, Set<string>>(posts.map((r) => [r.key, new Set<string>()]));
    const byCaller = new Map<Caller, WebClient>();
    for (const page of routes.filter((r) => r.method === 'GET')) {
      const caller = callerFor(page);
      if (!byCaller.has(caller)) byCaller.set(caller, await client(caller));
      const res = await byCaller.get(caller)!.get(fillPath(page.path, world, randomUUID));
      for (const [, action, inner] of res.text.matchAll(
        /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g,
      )) {
        const path = action.split('?')[0];
        const post = posts.find((r) =>
          new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path),
        );
        if (!post) continue;
        for (const [, name] of inner.matchAll(/name="([^"]+)"/g))
          if (name !== '_csrf') fields.get(post.key)!.add(name);
      }
    }
    return fields;
  }

  it('answers junk in every field of every form without a 5xx, writing nothing when refused', async () => {
    const fields = await formFields();
    const failures: string[] = [];
    let sent = 0;
    const statuses = new Map<number, number>();
    const pastCsrf = new Set<string>();
    process.stdout.write(`Web form fuzz: seed ${SEED}, ${RUNS} posts × ${fields.size} forms\n`);
    for (const [index, [key, names]] of [...fields.entries()].entries()) {
      const route = routes.find((r) => r.key === key)!;
      const c = await client(callerFor(route));
      const page = await c.get(callerFor(route) === 'anonymous' ? '/sign-in' : '/account');
      const csrf = csrfTokenIn(page.text);
      const url = fillPath(route.path, world, randomUUID);
      let before = await counter.counts();
      const result = await fc.check(
        fc.asyncProperty(formBody([...names]), async (body) => {
          const text =
            body.raw ??
            [['_csrf', csrf] as [string, string], ...body.pairs]
              .map(([k, v]) => `${encode(k)}=${encode(v)}`)
              .join('&');
          const res = await c.agent.post(url).set('content-type', body.contentType).send(text);
          sent++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status !== 403) pastCsrf.add(key);
          const after = await counter.counts();
          const changed = RowCounter.changed(before, after);
          before = after;
          if (res.status >= 500) throw new Error(`${key}: ${res.status} ${res.text.slice(0, 300)}`);
          if (res.status >= 400 && changed.length)
            throw new Error(`${key}: refused (${res.status}) but wrote ${changed.join(', ')}`);
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed)
        failures.push(
          `${key} (seed ${SEED + index}): ${String(result.errorInstance).slice(0, 500)}\n  counterexample: ${JSON.stringify(result.counterexample).slice(0, 400)}`,
        );
    }
    process.stdout.write(
      `Web form fuzz: ${sent} posts (${[...statuses].map(([st, n]) => `${n}× ${st}`).join(', ')}), ${failures.length} forms failed\n`,
    );
    expect(fields.size).toBeGreaterThan(15);
    // The CSRF token was right: most forms got past its check to their own validation.
    expect(pastCsrf.size).toBeGreaterThan(fields.size / 2);
    expect(failures).toEqual([]);
  });

  it('found the fields of the forms it fuzzed (the page reading works)', async () => {
    const fields = await formFields();
    expect([...(fields.get('POST /sign-in') ?? [])]).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });
});
