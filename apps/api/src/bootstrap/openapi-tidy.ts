import { STATUS_CODES } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';

type Parameter = { in?: string; name?: string; required?: boolean; description?: string };
type Operation = {
  tags?: string[];
  security?: unknown[];
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** What each tag groups, shown on /docs (every tag used by an operation is declared here). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness and readiness (no token)',
  auth: 'Sign-in, tokens and registration',
  identity: 'The caller and their memberships',
  organisations: 'Organisations, members and invitations',
  rounds: 'Rounds of the programme and their life cycle',
  challenges: 'Sponsors’ challenges: content, approval, publication',
  'public portal': 'Open challenges and their Atom feed (no token)',
  applications: 'Companies’ applications and decisions',
  assessment: 'Panels, conflicts, assignments, scoring, ranking',
  cohort: 'The teams selected for the accelerator',
  documents: 'Uploaded files attached to applications and other things',
  audit: 'The append-only audit trail',
  operations: 'Operational checks (the ping job)',
  notifications: 'Your notifications, e-mail preferences and calendar feed',
  webhooks: 'An organisation’s outbound webhooks (Standard Webhooks) and their delivery log',
};

/**
 * Brings the generated document to what OpenAPI linters expect (Redocly's recommended rules,
 * Spectral's spectral:oas), where @nestjs/swagger leaves gaps:
 * - routes without a token declare `security: []` (public on purpose, not forgotten);
 * - a server (`/`: the host that served the document);
 * - one optional `If-Match` header per operation (`@Headers('if-match')` adds a second,
 *   lower-case and required, one beside the documented header, and /docs then refuses to send);
 * - every response has a description; every tag used is declared.
 */
export function tidyDocument(document: OpenAPIObject): OpenAPIObject {
  if (!document.servers?.length) {
    document.servers = [{ url: '/', description: 'The server that serves this document' }];
  }
  const used = new Set<string>();
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = (pathItem as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      op.security ??= [];
      op.parameters = oneHeaderEach(op.parameters);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!response.description) response.description = STATUS_CODES[Number(status)] ?? status;
      }
      for (const tag of op.tags ?? []) used.add(tag);
    }
  }
  const declared = new Map((document.tags ?? []).map((tag) => [tag.name, tag]));
  for (const name of [...used].sort()) {
    if (!declared.has(name)) {
      declared.set(name, { name, description: TAG_DESCRIPTIONS[name] ?? name });
    }
  }
  document.tags = [...declared.values()];
  return document;
}

/** Header parameters are case-insensitive: keep one of each, the documented one, optional. */
function oneHeaderEach(parameters: Parameter[] | undefined): Parameter[] | undefined {
  if (!parameters) return parameters;
  const kept: Parameter[] = [];
  for (const parameter of parameters) {
    if (parameter.in !== 'header' || !parameter.name) {
      kept.push(parameter);
      continue;
    }
    const same = kept.findIndex(
      (other) =>
        other.in === 'header' && other.name?.toLowerCase() === parameter.name!.toLowerCase(),
    );
    if (same === -1) kept.push(parameter);
    else if (parameter.description && !kept[same].description) kept[same] = parameter;
  }
  for (const parameter of kept) {
    if (parameter.in === 'header' && parameter.name?.toLowerCase() === 'if-match') {
      parameter.name = 'If-Match';
      parameter.required = false;
    }
  }
  return kept;
}
