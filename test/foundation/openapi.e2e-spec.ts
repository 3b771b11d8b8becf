import SwaggerParser from '@apidevtools/swagger-parser';
import { Harness } from '@catalyst/testing';

interface Operation {
  parameters?: { in: string }[];
  summary?: string;
  operationId?: string;
  security?: unknown[];
  responses?: Record<string, unknown>;
}

/** The OpenAPI document is part of the contract: it must be valid and describe every route. */
describe('the OpenAPI document', () => {
  const h = new Harness();
  let doc: { paths: Record<string, Record<string, Operation>> };

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
      /^\/(health\/|api\/v1\/(public\/|auth\/(register|login|refresh|logout|password-resets(\/\{token\})?)$|invitations\/\{token\}\/accept$|openapi))/;
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
});
