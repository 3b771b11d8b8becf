import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_NODE_FLAGS } from './node-flags';

const ROOT = join(__dirname, '..', '..', '..');

describe('the worker is started with its memory cap everywhere', () => {
  it('in npm run start:worker', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['start:worker']).toBe(
      `node ${WORKER_NODE_FLAGS.join(' ')} dist/apps/worker/src/main.js`,
    );
  });

  it('in docker-compose', () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    // The worker service's command, as a list however it is wrapped.
    const worker = compose.slice(compose.indexOf('\n  worker:'));
    const [, list] = /command:\s*\[([^\]]*)\]/.exec(worker) ?? [null, ''];
    const command = list
      .split(',')
      .map((part) => part.trim().replace(/^'|'$/g, ''))
      .filter(Boolean);
    expect(command).toEqual(['node', ...WORKER_NODE_FLAGS, 'dist/apps/worker/src/main.js']);
  });
});
