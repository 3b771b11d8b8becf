import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CATALOGUE } from './problem-catalogue';

type Operation = {
  security?: unknown[];
  parameters?: { in?: string; name?: string }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
};

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDetails' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const STANDARD: Record<string, string> = {
  '400': 'Malformed or invalid input (unknown fields are refused); `errors` lists each field',
  '401': 'No token, or an invalid or expired one',
  '403': 'Signed in, but your role may not do this here',
  '404': 'Not found, or not visible to you',
  '429': 'Too many requests; see Retry-After',
};

/**
 * Every error this API sends is an RFC 9457 problem document. The controllers describe their
 * own domain errors (409, 422…); this adds the ones every route shares and gives every error
 * response the ProblemDetails schema under application/problem+json.
 */
export function documentProblems(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ProblemDetails = {
    type: 'object',
    required: ['type', 'code', 'title', 'status'],
    properties: {
      type: { type: 'string', format: 'uri-reference' },
      code: {
        type: 'string',
        enum: PROBLEM_CATALOGUE.map((p) => p.code),
        description:
          'Stable machine-readable name of the problem (`<area>.<snake_case>`); it never changes ' +
          'meaning once published. Every code, its status and meaning:\n\n' +
          catalogueTable(),
        // An extension the schema types do not know: the catalogue as data, for tools.
        ...({ 'x-problem-codes': PROBLEM_CATALOGUE } as object),
      },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      errors: {
        type: 'array',
        description: 'Per-field problems of invalid input',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: {
            field: { type: 'string' },
            message: { type: 'string' },
            code: {
              type: 'string',
              description: 'Stable name of the problem, e.g. password.common',
            },
          },
        },
      },
      allowed: {
        type: 'array',
        items: { type: 'string' },
        description: 'Invalid transition (409): the states reachable from the current one',
      },
    },
    additionalProperties: true,
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = (pathItem as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const takesInput = !!op.requestBody || (op.parameters ?? []).length > 0;
      const protectedRoute = (op.security ?? []).length > 0;
      const pathId = (op.parameters ?? []).some((p) => p.in === 'path');
      if (takesInput) add(op, '400');
      if (protectedRoute) add(op, '401');
      if (protectedRoute) add(op, '403');
      if (pathId) add(op, '404');
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && !response.content) {
          response.content = { 'application/problem+json': { schema: PROBLEM_REF } };
        }
      }
    }
  }
  return document;
}

function add(op: Operation, status: string): void {
  op.responses[status] ??= {
    description: STANDARD[status],
    content: { 'application/problem+json': { schema: PROBLEM_REF } },
  };
}

function catalogueTable(): string {
  const rows = PROBLEM_CATALOGUE.map(
    (p) => `| \`${p.code}\` | ${p.status} | ${p.title} | ${p.meaning.replace(/\|/g, '\\|')} |`,
  );
  return ['| code | status | title | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
