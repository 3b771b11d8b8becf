// `npm run test:resilience [-- --full] [jest args…]`: the resilience suite. `--full` runs the long
// load burst (60 s at 50 connections); without it CI runs a shorter one.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const args = process.argv.slice(2);
const full = args.includes('--full');
const jestArgs = args.filter((a) => a !== '--full');
const root = join(__dirname, '..', '..');
const result = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '-c',
    join(__dirname, 'jest.config.js'),
    ...jestArgs,
  ],
  {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, ...(full ? { RESILIENCE_FULL: '1' } : {}) },
  },
);
process.exit(result.status ?? 1);
