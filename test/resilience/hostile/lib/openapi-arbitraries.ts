import fc from 'fast-check';

/**
 * Hostile requests generated from an OpenAPI 3 document: for each operation, bodies, query
 * strings, headers and path parameters that mix values the schema would accept with values an
 * attacker or a broken client would send. A new route is fuzzed from its schemas alone.
 */

export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path, e.g. `/api/v1/rounds/{id}`. */
  path: string;
  operationId: string;
  parameters: Parameter[];
  /** The request body's media types and schemas. */
  body?: { contentType: string; schema: Schema; required: boolean };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | {
            operationId?: string;
            parameters?: Parameter[];
            requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
          }
        | undefined;
      if (!op) continue;
      const content = op.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      ops.push({
        method,
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        parameters: op.parameters ?? [],
        body: contentType
          ? {
              contentType,
              schema: content[contentType].schema,
              required: op.requestBody?.required ?? false,
            }
          : undefined,
      });
    }
  }
  return ops;
}

/**
 * A JSON value whose objects are lists of entries, so keys such as `__proto__` survive into the
 * request text (an object literal would set the prototype instead), and whose `raw` tokens are
 * written as they are (numbers beyond a double, for instance).
 */
export type Json =
  null | boolean | number | string | Json[] | { entries: [string, Json][] } | { raw: string };

export function toJsonText(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if ('raw' in value) return value.raw;
  return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
}

// ---- the hostile vocabulary -------------------------------------------------------------

const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'nul\u0000byte',
  '\ud800',
  'lone \udfff low',
  '\u202egnp.exe',
  '\u200f\u05e9\u05dc\u05d5\u05dd RTL',
  '\ufeffBOM',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358',
  '🚀👩‍👩‍👧‍👦',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '$1',
  '%',
  '_%\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{ 7 * 7 }}',
  '{% raw %}',
  '${7*7}',
  '../../../../etc/passwd',
  'javascript:alert(1)',
  'http://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
  '%00',
  '\r\nSet-Cookie: x=1',
  'null',
  'undefined',
  'true',
  '-1',
  'NaN',
  '1e309',
  '2027-02-30',
  '2027-13-01T25:61:00Z',
  '0000-00-00',
];

const BAD_UUIDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123',
  '-1',
  "' OR 1=1 --",
  '%2e%2e%2f',
  '..',
  'a'.repeat(300),
  '6ba7b810-9dad-11d1-80b4-00c04fd430c8x',
  '{6ba7b810-9dad-11d1-80b4-00c04fd430c8}',
  '6BA7B810-9DAD-11D1-80B4-00C04FD430C8',
  '\u0000',
  '\ud800',
];

const HUGE_NUMBERS: Json[] = [
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  0.1,
  -0,
  { raw: '1e400' },
  { raw: '-1e400' },
  { raw: '9'.repeat(400) },
  { raw: '1.0000000000000000000000001' },
];

const hugeString = fc
  .constantFrom(100_000, 20_000, 5_001, 1_025, 257)
  .chain((n) => fc.constantFrom('a', 'é', '\u0000', '🚀', '<').map((c) => c.repeat(n)));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_UUIDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

const hostileScalar: fc.Arbitrary<Json> = fc.oneof(
  hostileString,
  fc.constantFrom(...HUGE_NUMBERS),
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5),
);

/** Junk nested a few levels: arrays in objects in arrays, with prototype-polluting keys. */
const nestedJunk: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('__proto__', 'constructor', 'prototype', ''),
            fc.string({ maxLength: 8 }),
          ),
          tie('node'),
        ),
        { maxLength: 4 },
      )
      .map((entries) => ({ entries })),
  ),
})).node;

const pollution: fc.Arbitrary<[string, Json]> = fc.constantFrom<[string, Json]>(
  [
    '__proto__',
    {
      entries: [
        ['isAdmin', true],
        ['polluted', 'yes'],
      ],
    },
  ],
  ['constructor', { entries: [['prototype', { entries: [['polluted', 'yes']] }]] }],
  ['__proto__', null],
  ['prototype', { entries: [['polluted', 'yes']] }],
);

/** Anything at all where a value of this schema was expected. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: nestedJunk },
);

// ---- from the schemas -------------------------------------------------------------------

export class SchemaArbitraries {
  constructor(private readonly doc: OpenApiDocument) {}

  resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; s.$ref && i < 20; i++) {
      const name = s.$ref.replace('#/components/schemas/', '');
      s = this.doc.components?.schemas?.[name] ?? {};
    }
    if (s.allOf?.length) {
      return s.allOf
        .map((part) => this.resolve(part))
        .reduce<Schema>(
          (a, b) => ({
            ...a,
            ...b,
            properties: { ...a.properties, ...b.properties },
            required: [...(a.required ?? []), ...(b.required ?? [])],
          }),
          { nullable: s.nullable },
        );
    }
    return s;
  }

  /** A value the schema accepts, as near as a generator gets without the server's rules. */
  valid(schema: Schema, depth = 0): fc.Arbitrary<Json> {
    const s = this.resolve(schema);
    const choices = s.oneOf ?? s.anyOf;
    if (choices?.length) return fc.oneof(...choices.map((c) => this.valid(c, depth + 1)));
    if (s.enum?.length) return fc.constantFrom(...(s.enum as Json[]));
    switch (s.type) {
      case 'integer':
        return fc.integer({
          min: Math.max(s.minimum ?? -1000, -1_000_000),
          max: Math.min(s.maximum ?? 1000, 1_000_000),
        });
      case 'number':
        return fc.double({
          min: s.minimum ?? -1000,
          max: s.maximum ?? 1000,
          noNaN: true,
          noDefaultInfinity: true,
        });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 4
          ? fc.constant([])
          : fc.array(this.valid(s.items ?? {}, depth + 1), {
              maxLength: Math.min(s.maxItems ?? 3, 3),
            });
      case 'object':
      case undefined:
        if (!s.properties)
          return depth > 4 ? fc.constant({ entries: [] }) : fc.constant({ entries: [] });
        return this.object(s, (p) => this.valid(p, depth + 1), depth);
      case 'string':
      default:
        return this.string(s);
    }
  }

  /**
   * Mostly valid, sometimes hostile, at every level: a request that passes most checks and
   * trips one deep inside is where handlers that trust their input break.
   */
  mixed(schema: Schema, depth = 0): fc.Arbitrary<Json> {
    const s = this.resolve(schema);
    const inner: fc.Arbitrary<Json> =
      (s.type === 'object' || (!s.type && s.properties)) && depth < 4
        ? this.object(s, (p) => this.mixed(p, depth + 1), depth, true)
        : s.type === 'array' && depth < 4
          ? fc.oneof(
              fc.array(this.mixed(s.items ?? {}, depth + 1), { maxLength: 3 }),
              fc.constant(Array.from({ length: 1001 }, () => 'x') as Json),
            )
          : this.valid(s, depth);
    return fc.oneof({ weight: 3, arbitrary: inner }, { weight: 1, arbitrary: hostileValue });
  }

  private object(
    s: Schema,
    property: (p: Schema) => fc.Arbitrary<Json>,
    depth: number,
    hostile = false,
  ): fc.Arbitrary<Json> {
    const props = Object.entries(s.properties ?? {});
    const required = new Set(s.required ?? []);
    const entries = props.map(([name, p]) =>
      required.has(name)
        ? property(p).map((v) => [[name, v]] as [string, Json][])
        : fc
            .option(property(p), { nil: undefined, freq: 2 })
            .map((v) => (v === undefined ? [] : ([[name, v]] as [string, Json][]))),
    );
    const extra: fc.Arbitrary<[string, Json][]> = hostile
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constant<[string, Json][]>([]) },
          { weight: 1, arbitrary: pollution.map((e) => [e]) },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.string({ maxLength: 12 }), depth < 2 ? nestedJunk : hostileScalar)
              .map((e) => [e]),
          },
        )
      : fc.constant([]);
    return fc
      .tuple(fc.tuple(...entries), extra)
      .map(([parts, more]) => ({ entries: [...parts.flat(), ...more] }));
  }

  private string(s: Schema): fc.Arbitrary<Json> {
    const max = Math.min(s.maxLength ?? 40, 40);
    const min = Math.min(s.minLength ?? 0, max);
    switch (s.format) {
      case 'uuid':
        return fc.uuid({ version: 4 });
      case 'email':
        return fc.emailAddress();
      case 'date':
        return fc
          .date({ min: new Date('2026-01-01'), max: new Date('2029-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      case 'date-time':
        return fc
          .date({ min: new Date('2026-01-01'), max: new Date('2029-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString());
      case 'uri':
      case 'url':
        return fc.webUrl();
      default:
        return fc.string({ minLength: min, maxLength: max });
    }
  }

  /** A path parameter's value: a known id, a fresh UUID, or junk. */
  pathValue(known: string | undefined, schema: Schema | undefined): fc.Arbitrary<string> {
    const s = this.resolve(schema ?? {});
    return fc.oneof(
      { weight: 3, arbitrary: known ? fc.constant(known) : fc.uuid({ version: 4 }) },
      { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
      { weight: 2, arbitrary: fc.constantFrom(...BAD_UUIDS) },
      { weight: 1, arbitrary: hostileString.filter((x) => x.length > 0 && x.length < 2000) },
      ...(s.enum?.length
        ? [{ weight: 1, arbitrary: fc.constantFrom(...(s.enum as string[])) }]
        : []),
    );
  }

  /** A query or header value: schema-valid, a huge page size, or junk. */
  paramValue(p: Parameter): fc.Arbitrary<string | string[] | undefined> {
    const s = this.resolve(p.schema ?? {});
    const valid = this.valid(s).map((v) => (typeof v === 'string' ? v : toJsonText(v)));
    const special: fc.Arbitrary<string>[] = [];
    if (p.name === 'limit' || s.type === 'integer' || s.type === 'number') {
      special.push(
        fc.constantFrom(
          '1000000',
          '201',
          '0',
          '-1',
          '1e309',
          '9'.repeat(40),
          '1.5',
          '0x10',
          ' 5',
          'NaN',
          'Infinity',
        ),
      );
    }
    if (p.name === 'cursor') special.push(fc.base64String({ maxLength: 60 }));
    const text = hostileString.filter((x) => x.length < 3000);
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: valid },
      { weight: 2, arbitrary: text },
      { weight: 1, arbitrary: fc.array(valid, { minLength: 2, maxLength: 3 }) },
      ...special.map((a) => ({ weight: 2, arbitrary: a })),
    );
  }
}

/** JSON text that does not parse, or parses to something no route expects. */
export const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[',
  '{"a":1,}',
  "{'a':1}",
  'nul',
  '{"a":NaN}',
  '{"a":Infinity}',
  '\ufeff{}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '"just a string"',
  '12345',
  'null',
  '[]',
  '{}{}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  `{"a":${'['.repeat(200)}${']'.repeat(200)}}`,
];

/** Headers for a body sent under the wrong or a broken content type. */
export const ODD_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/xml',
  'multipart/form-data',
  'application/json, application/json',
];
