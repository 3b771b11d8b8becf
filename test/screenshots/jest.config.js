// The README's screenshots (`npm run screenshots`): the whole application over a small
// dataset made with the test factories, six pages photographed into docs/screenshots/.
// Not part of `npm test` (its *.screenshots.ts files match no project there).
const base = require('../../jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  rootDir: require('node:path').join(__dirname, '..', '..'),
  reporters: base.reporters,
  workerIdleMemoryLimit: base.workerIdleMemoryLimit,
  projects: [
    {
      ...integration,
      displayName: 'screenshots',
      testMatch: ['<rootDir>/test/screenshots/**/*.screenshots.ts'],
    },
  ],
};
