import SwaggerParser from '@apidevtools/swagger-parser';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Harness } from '@catalyst/testing';

interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  tags?: string[];
  summary?: string;
  operationId?: string;
  security?: unknown[];
  responses?: Record<string, unknown>;
}

interface Schema {
  properties?: Record<string, { example?: unknown; enum?: unknown[]; type?: string }>;
}

/** The OpenAPI document is part of the contract: it must be valid and describe every route. */
describe('the OpenAPI document', () => {
  const h = new Harness();
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    servers?: unknown[];
    tags?: { name: string }[];
    components: { schemas: Record<string, Schema> };
  };

  beforeAll(async () => {
    await h.setup();
    await h.startApi();
    doc = (await h.http().get('/api/v1/openapi.json').expect(200)).body;
  });
  afterAll(() => h.teardown());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );

  it('is a valid OpenAPI 3 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('gives every operation a summary and a unique operationId', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(40);
    expect(
      ops.filter(({ op }) => !op.summary).map(({ method, path }) => `${method} ${path}`),
    ).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks every route that needs a token with bearer security', () => {
    const open =
      /^\/(health\/|api\/v1\/(public\/|auth\/(register|login|refresh|logout|password-resets(\/\{token\})?|sso\/(start|callback|exchange|link))$|invitations\/\{token\}\/accept$|calendar\.ics$|openapi))/;
    const missing = operations()
      .filter(({ path }) => !open.test(path))
      .filter(({ op }) => !op.security?.length)
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('describes errors as problem details: 401 on protected routes, 404 where an id is in the path', () => {
    const problem = {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
    };
    const ops = operations();
    const protectedOps = ops.filter(({ op }) => op.security?.length);
    expect(protectedOps.length).toBeGreaterThan(30);
    for (const { op } of protectedOps) {
      expect((op.responses as Record<string, { content?: unknown }>)['401'].content).toEqual(
        problem,
      );
    }
    for (const { op } of ops.filter(({ op }) => op.parameters?.some((p) => p.in === 'path'))) {
      expect((op.responses as Record<string, { content?: unknown }>)['404'].content).toEqual(
        problem,
      );
    }
    const everyError = ops.flatMap(({ op }) =>
      Object.entries(op.responses ?? {}).filter(([status]) => Number(status) >= 400),
    );
    expect(everyError.filter(([, r]) => !(r as { content?: unknown }).content)).toEqual([]);
  });

  it('passes Redocly CLI’s recommended rules with no error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalyst-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const cli = require.resolve('@redocly/cli/bin/cli.js');
      const run = await promisify(execFile)(
        process.execPath,
        [cli, 'lint', file, '--format', 'json'],
        {
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          maxBuffer: 16 * 1024 * 1024,
        },
      ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse(run.stdout) as {
        totals: { errors: number };
        problems: { ruleId: string; severity: string; location: { pointer: string }[] }[];
      };
      const errors = report.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId} ${p.location[0]?.pointer}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('declares security on every operation (public ones: []), a server and every tag used', () => {
    expect(operations().filter(({ op }) => !Array.isArray(op.security))).toEqual([]);
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(doc.servers?.length).toBeGreaterThan(0);
    const declared = new Set((doc.tags ?? []).map((t) => t.name));
    const used = new Set(operations().flatMap(({ op }) => op.tags ?? []));
    expect([...used].filter((t) => !declared.has(t))).toEqual([]);
    const undescribed = operations().flatMap(({ method, path, op }) =>
      Object.entries(op.responses ?? {})
        .filter(([, r]) => !(r as { description?: string }).description)
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('has one optional If-Match header per operation, so /docs can send it', () => {
    const problems = operations().flatMap(({ method, path, op }) => {
      const ifMatch = (op.parameters ?? []).filter(
        (p) => p.in === 'header' && p.name.toLowerCase() === 'if-match',
      );
      return ifMatch.length > 1 || ifMatch.some((p) => p.required || p.name !== 'If-Match')
        ? [`${method} ${path}`]
        : [];
    });
    expect(problems).toEqual([]);
    const patchRound = doc.paths['/api/v1/rounds/{id}'].patch.parameters ?? [];
    expect(patchRound.filter((p) => p.in === 'header')).toEqual([
      expect.objectContaining({ name: 'If-Match', required: false }),
    ]);
  });

  it('prefills request examples that are valid requests', () => {
    const schemas = doc.components.schemas;
    const example = (schema: string, property: string) =>
      schemas[schema]?.properties?.[property]?.example;
    // Swagger UI fills an enum with its first value (`draft`) unless an example is given.
    for (const dto of [
      'RoundTransitionDto',
      'ChallengeTransitionDto',
      'ApplicationTransitionDto',
      'AssessmentTransitionDto',
    ]) {
      expect({ dto, to: example(dto, 'to') }).toEqual({ dto, to: expect.any(String) });
      expect(example(dto, 'to')).not.toBe('draft');
    }
    // The SME flag is for startups only.
    expect(example('CreateOrganisationDto', 'kind')).toBe('startup');
    // An invitation to an organisation of any kind but operator cannot carry programme_manager.
    expect(example('CreateInvitationDto', 'role')).not.toBe('programme_manager');
    // Options only on choice questions; maxLength only on text ones.
    const questions = example('CreateChallengeDto', 'questions') as {
      type: string;
      options?: unknown;
      maxLength?: unknown;
    }[];
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) {
      expect({ type: q.type, options: q.options !== undefined }).toEqual({
        type: q.type,
        options: q.type === 'choice',
      });
      if (q.maxLength !== undefined) expect(q.type).toBe('text');
    }
    // Passwords prefilled as "string" would be refused (at least 12 characters).
    expect(String(example('AcceptInvitationDto', 'password')).length).toBeGreaterThanOrEqual(12);
    expect(schemas.UpdateRoundDto.properties?.demoDayOn).toMatchObject({
      type: 'string',
      format: 'date',
    });
  });
});
