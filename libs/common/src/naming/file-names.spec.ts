import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/**
 * The naming scheme (CONVENTIONS.md, "One way to do each thing"), checked over libs/ and apps/:
 * responses are `*.view.ts`, list queries `list-*.query.ts`, policies `<entity>.policy.ts`,
 * state machines `<entity>.state-machine.ts`, transition use cases
 * `<entity>-transitions.service.ts`, and a `*.dto.ts` is input (it validates something).
 */
const ROOT = join(__dirname, '../../../..');

/** Files known to break the scheme until they are renamed; empty once they are. */
const PENDING: string[] = [];

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

const VALIDATES = /@(Is[A-Z]\w*|Validate\w*|Min|Max|Matches|Length|MinLength|MaxLength|Array\w*)\(/;
const MAPPED = /extends (PartialType|PickType|OmitType|IntersectionType)\(/;

/** Every file breaking the scheme, with the rule it breaks. */
function violations(): string[] {
  const out: string[] = [];
  for (const { path, text } of files) {
    const name = basename(path);
    const broken = (rule: string) => out.push(`${path}: ${rule}`);
    if (/\.(response|mapper)\.ts$/.test(name)) broken('a response is a *.view.ts');
    if (name.endsWith('-query.dto.ts')) broken('a list query is list-*.query.ts');
    if (name.endsWith('.query.ts') && !/^list-[a-z-]+\.query\.ts$/.test(name))
      broken('a list query is list-*.query.ts');
    if (name.endsWith('.dto.ts') && !VALIDATES.test(text) && !MAPPED.test(text))
      broken('a *.dto.ts is validated input; a response is a *.view.ts');
    if (/new StateMachine</.test(text) && !/^[a-z-]+\.state-machine\.ts$/.test(name))
      broken('a state machine lives in <entity>.state-machine.ts');
    if (/export (class|const) \w+Policy\b/.test(text) && !/^[a-z-]+\.policy\.ts$/.test(name))
      broken('a policy lives in <entity>.policy.ts');
    if (
      /class \w+Transitions?Service\b/.test(text) &&
      !/^[a-z-]+-transitions\.service\.ts$/.test(name)
    )
      broken('a transition use case lives in <entity>-transitions.service.ts');
  }
  return out;
}

describe('file names', () => {
  it('follow the naming scheme for views, list queries, policies and state machines', () => {
    const broken = violations();
    const unexpected = broken.filter((v) => !PENDING.some((path) => v.startsWith(`${path}:`)));
    expect(unexpected).toEqual([]);
    // A pending file that now follows the scheme is taken off the list.
    const fixed = PENDING.filter((path) => !broken.some((v) => v.startsWith(`${path}:`)));
    expect(fixed).toEqual([]);
  });
});
