import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { codeArea } from '@catalyst/common';
import { PROBLEM_CATALOGUE } from './problem-catalogue';

const ROOT = join(__dirname, '../../../..');
const CODE = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))].map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

/** The text of every call `<start>(…)`, parentheses balanced. */
function calls(text: string, start: RegExp): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(new RegExp(start.source, 'g'))) {
    let depth = 0;
    let i = (match.index ?? 0) + match[0].length - 1;
    const from = i;
    for (; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) break;
    }
    out.push(text.slice(from, i + 1));
  }
  return out;
}

const literal = (text: string, pattern: RegExp) =>
  [...text.matchAll(new RegExp(pattern.source, 'g'))].map((m) => m[1]);

/** Every code the source can put in a problem document, and where it comes from. */
function thrownCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const add = (code: string, path: string) => codes.set(code, codes.get(code) ?? path);
  for (const { path, text } of files) {
    for (const code of literal(text, /static readonly code = '([^']+)'/)) add(code, path);
    for (const call of calls(text, /new \w*Error\(/)) {
      for (const code of literal(call, /'([a-z][a-z_]*\.[a-z][a-z_]*)'/)) add(code, path);
    }
    for (const entity of literal(text, /new NotFoundError\(\s*'([^']+)'/))
      add(`${codeArea(entity)}.not_found`, path);
    for (const call of calls(text, /assertVisible\(/)) {
      const entity = literal(call, /'([A-Z][^']*)'/)[0];
      if (entity) add(`${codeArea(entity)}.not_found`, path);
    }
    for (const entity of literal(text, /\bentity: '([A-Z][^']*)'/))
      add(`${codeArea(entity)}.not_found`, path);
    // runTransition checks If-Match against every state machine's entity (assertVersion).
    for (const entity of literal(text, /new StateMachine<[^>]*>\(\s*'([^']+)'/)) {
      add(`${codeArea(entity)}.invalid_transition`, path);
      add(`${codeArea(entity)}.stale_version`, path);
    }
    for (const entity of literal(text, /assertVersion\(\s*'([^']+)'/))
      add(`${codeArea(entity)}.stale_version`, path);
    if (path.startsWith('libs/common/src/errors/') && !path.endsWith('problem-catalogue.ts')) {
      for (const code of literal(text, /'([a-z][a-z_]*\.[a-z][a-z_]*)'/)) add(code, path);
    }
  }
  return codes;
}

describe('the problem catalogue', () => {
  const catalogued = new Set(PROBLEM_CATALOGUE.map((p) => p.code));
  const thrown = thrownCodes();

  it('names every code once, as <area>.<snake_case>, with a status and a meaning', () => {
    expect(catalogued.size).toBe(PROBLEM_CATALOGUE.length);
    for (const entry of PROBLEM_CATALOGUE) {
      expect([entry.code, CODE.test(entry.code)]).toEqual([entry.code, true]);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.meaning.length).toBeGreaterThan(10);
    }
  });

  it('lists every code the code can throw', () => {
    const missing = [...thrown].filter(([code]) => !catalogued.has(code));
    expect(missing.map(([code, path]) => `${code} (${path})`)).toEqual([]);
  });

  it('lists no code that nothing throws', () => {
    expect([...catalogued].filter((code) => !thrown.has(code))).toEqual([]);
  });

  it('keeps the codes clients already rely on', () => {
    for (const code of [
      'request.invalid',
      'auth.forbidden',
      'auth.unauthenticated',
      'application.not_found',
      'application.invalid_transition',
      'application.stale_version',
      'application.deadline_passed',
      'assessment.panel_incomplete',
    ]) {
      expect(catalogued).toContain(code);
    }
  });

  it('defines each domain error once, in its library’s errors file, not at the throw site', () => {
    const adHoc = files
      .filter(({ path }) => !path.startsWith('libs/common/src/errors/'))
      .filter(({ text }) =>
        /new (BusinessRuleError|ConflictError|DeadlinePassedError)\(/.test(text),
      )
      .map(({ path }) => path);
    expect(adHoc).toEqual([]);
    const definitions = files.flatMap(({ path, text }) =>
      literal(text, /export class (\w+) extends \w+ \{\n\s+static readonly code/).map((name) => ({
        name,
        path,
      })),
    );
    for (const { name, path } of definitions) {
      expect([name, path.endsWith('.errors.ts')]).toEqual([name, true]);
      const used = files.some((f) => f.path !== path && new RegExp(`\\b${name}\\b`).test(f.text));
      expect([name, used]).toEqual([name, true]);
    }
  });
});
