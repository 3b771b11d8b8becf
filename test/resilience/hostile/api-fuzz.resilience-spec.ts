import fc from 'fast-check';
import { AccessTokenService } from '@catalyst/identity';
import { Harness } from '@catalyst/testing';
import { FuzzWorld, RowCounter, buildFuzzWorld } from './lib/fuzz-world';
import {
  Json,
  MALFORMED_JSON,
  ODD_CONTENT_TYPES,
  OpenApiDocument,
  Operation,
  SchemaArbitraries,
  operationsOf,
  toJsonText,
} from './lib/openapi-arbitraries';

/**
 * Property-based fuzzing of every operation in the API's own OpenAPI document, through HTTP: a
 * route added tomorrow is fuzzed from its schemas without a line here. For every request: never
 * a 5xx, a refusal is always a problem document with a code, and a refused request wrote nothing
 * (every table's row count, the audit trail's included, is what it was before).
 *
 * Deterministic: the seed is fixed (FUZZ_SEED overrides it) and printed; FUZZ_RUNS sets the
 * requests per operation.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_2027);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

interface FuzzRequest {
  path: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  ifMatch?: string;
  body:
    | { kind: 'none' }
    | { kind: 'json'; value: Json }
    | { kind: 'text'; text: string; contentType: string }
    | { kind: 'multipart'; text: string; contentType: string };
}

/** Percent-encodes every UTF-16 unit, lone surrogates included (encodeURIComponent throws). */
function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)])
        .toString('hex')
        .replace(/(..)/g, '%$1');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

const BOUNDARY = 'fuzzboundary7MA4YWxkTrZu0gW';

/** Multipart bodies that are broken in one way each, or well formed around junk fields. */
function multipartArbitrary(a: SchemaArbitraries, op: Operation, world: FuzzWorld) {
  const fields = Object.entries(a.resolve(op.body!.schema).properties ?? {}).filter(
    ([, s]) => s.format !== 'binary',
  );
  const part = (name: string, value: string, file?: { filename: string; type: string }) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${
      file ? `; filename="${file.filename}"\r\nContent-Type: ${file.type}` : ''
    }\r\n\r\n${value}\r\n`;
  const fieldValue = fc.oneof(
    fc.constant(world.ids.applications),
    fc.constantFrom('application', 'milestone', 'contract', 'team'),
    a.valid({ type: 'string' }).map(String),
    fc.constantFrom('', '\u0000', '../../x', "' OR 1=1 --", 'x'.repeat(5000)),
  );
  const fileName = fc.constantFrom(
    'evidence.pdf',
    '../../../etc/passwd',
    'C:\\Windows\\evil.exe',
    'a\u0000b.pdf',
    '\u202efdp.exe',
    `${'n'.repeat(1000)}.pdf`,
    '',
  );
  const fileBody = fc.constantFrom(
    '%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF',
    '\u007fELF\u0002\u0001\u0001',
    'MZ\u0090\u0000',
    '<html><script>alert(1)</script></html>',
    '',
  );
  const wellFormed = fc
    .tuple(
      fc.array(fieldValue, { minLength: fields.length, maxLength: fields.length }),
      fileName,
      fileBody,
      fc.boolean(),
    )
    .map(([values, filename, content, fileFirst]) => {
      const file = part('file', content, { filename, type: 'application/pdf' });
      const rest = fields.map(([name], i) => part(name, values[i])).join('');
      return `${fileFirst ? file + rest : rest + file}--${BOUNDARY}--\r\n`;
    });
  const broken = fc.constantFrom(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n%PDF-1.4 no end`,
    `--wrongboundary\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--wrongboundary--\r\n`,
    `garbage without any boundary`,
    `--${BOUNDARY}\r\n\r\n\r\n--${BOUNDARY}--\r\n`,
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${'f'.repeat(10_000)}"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
    `--${BOUNDARY}--\r\n`,
  );
  return fc.record({
    text: fc.oneof(wellFormed, broken),
    contentType: fc.constantFrom(
      `multipart/form-data; boundary=${BOUNDARY}`,
      `multipart/form-data; boundary=${BOUNDARY}`,
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/mixed; boundary=' + BOUNDARY,
    ),
  });
}

function requestArbitrary(
  a: SchemaArbitraries,
  op: Operation,
  world: FuzzWorld,
): fc.Arbitrary<FuzzRequest> {
  const segments = op.path.split('/');
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const path = fc.record(
    Object.fromEntries(
      pathParams.map((p) => {
        const before = segments[segments.indexOf(`{${p.name}}`) - 1];
        const known =
          p.name === 'organisationId' ? world.ids.organisations : world.ids[before ?? ''];
        return [p.name, a.pathValue(known, p.schema)];
      }),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const query = fc.record(
    Object.fromEntries(
      op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, a.paramValue(p)]),
    ),
  ) as fc.Arbitrary<FuzzRequest['query']>;
  const ifMatch = op.parameters.some((p) => p.name === 'If-Match')
    ? fc.option(
        fc.constantFrom('1', '0', '-1', '99999999999999999999', 'abc', '"1"', 'W/"1"', '1, 2'),
        { nil: undefined },
      )
    : fc.constant(undefined);

  let body: fc.Arbitrary<FuzzRequest['body']>;
  if (op.body?.contentType === 'multipart/form-data') {
    body = multipartArbitrary(a, op, world).map((m) => ({ kind: 'multipart' as const, ...m }));
  } else {
    const schema = op.body?.schema ?? { type: 'object' };
    body = fc.oneof(
      { weight: 6, arbitrary: a.mixed(schema).map((value) => ({ kind: 'json' as const, value })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(...MALFORMED_JSON).map((text) => ({
          kind: 'text' as const,
          text,
          contentType: 'application/json',
        })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(a.valid(schema), fc.constantFrom(...ODD_CONTENT_TYPES))
          .map(([value, contentType]) => ({
            kind: 'text' as const,
            text: toJsonText(value),
            contentType,
          })),
      },
    );
  }
  return fc.record({ path, query, ifMatch, body });
}

function urlOf(op: Operation, req: FuzzRequest): string {
  let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(req.path[name] ?? ''));
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(req.query)) {
    if (value === undefined) continue;
    for (const v of [value].flat()) pairs.push(`${encode(name)}=${encode(v)}`);
  }
  if (pairs.length) url += `?${pairs.join('&')}`;
  return url;
}

describe('every API operation, fuzzed from its OpenAPI schemas', () => {
  const h = new Harness();
  const counter = new RowCounter(h);
  let doc: OpenApiDocument;
  let world: FuzzWorld;

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    world = await buildFuzzWorld(h);
    doc = (await h.http().get('/api/v1/openapi.json').expect(200)).body as OpenApiDocument;
    await counter.start();
  });
  afterAll(async () => {
    await counter.stop();
    await h.teardown();
  });

  it('finds every operation in the document (the walk itself works)', () => {
    const ops = operationsOf(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(ops.length).toBeGreaterThan(100);
    expect(ops).toEqual(
      expect.arrayContaining([
        'POST /api/v1/rounds',
        'POST /api/v1/documents',
        'GET /api/v1/audit',
      ]),
    );
  });

  it('answers every hostile request without a 5xx, with a problem document, writing nothing', async () => {
    const a = new SchemaArbitraries(doc);
    const ops = operationsOf(doc);
    const tokens = h.api!.get(AccessTokenService);
    const failures: string[] = [];
    let sent = 0;
    let refused = 0;
    const started = Date.now();
    process.stdout.write(`API fuzz: seed ${SEED}, ${RUNS} requests × ${ops.length} operations\n`);

    for (const [index, op] of ops.entries()) {
      // A fresh sign-in per operation: a fuzzed logout or password change ends only its own.
      const bearer = `Bearer ${(await tokens.issue(world.user.id)).accessToken}`;
      let before = await counter.counts();
      const result = await fc.check(
        fc.asyncProperty(requestArbitrary(a, op, world), async (req) => {
          const url = urlOf(op, req);
          let call = h.http()[op.method](url).set('authorization', bearer);
          if (req.ifMatch !== undefined) call = call.set('if-match', req.ifMatch);
          if (req.body.kind === 'json') {
            call = call.set('content-type', 'application/json').send(toJsonText(req.body.value));
          } else if (req.body.kind === 'text' || req.body.kind === 'multipart') {
            call = call.set('content-type', req.body.contentType).send(req.body.text);
          }
          const res = await call;
          sent++;
          const after = await counter.counts();
          const changed = RowCounter.changed(before, after);
          before = after;
          const problems: string[] = [];
          if (res.status >= 500) problems.push(`answered ${res.status}: ${res.text.slice(0, 300)}`);
          if (res.status >= 400) {
            refused++;
            if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
              problems.push(`a ${res.status} as ${res.headers['content-type']}`);
            else if (typeof res.body?.code !== 'string')
              problems.push(`a ${res.status} without a code`);
            if (changed.length)
              problems.push(`refused (${res.status}) but wrote: ${changed.join(', ')}`);
          }
          if (problems.length)
            throw new Error(`${op.method.toUpperCase()} ${url}: ${problems.join('; ')}`);
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed) {
        failures.push(
          `${op.operationId} (seed ${SEED + index}): ${String(result.errorInstance).slice(0, 600)}\n  counterexample: ${JSON.stringify(result.counterexample).slice(0, 600)}`,
        );
      }
    }
    process.stdout.write(
      `API fuzz: ${sent} requests (${refused} refused) in ${Math.round((Date.now() - started) / 1000)} s, ${failures.length} operations failed\n`,
    );
    expect(failures).toEqual([]);
  });

  it('left no key on Object.prototype (no request polluted the prototype)', () => {
    const probe = {} as Record<string, unknown>;
    expect([probe.polluted, probe.isAdmin, Object.keys(Object.prototype)]).toEqual([
      undefined,
      undefined,
      [],
    ]);
  });
});
