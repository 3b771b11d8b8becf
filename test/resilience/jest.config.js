// The resilience suite (`npm run test:resilience`): real processes, faults, load, hostile input
// and access, against servers it starts itself (faults) or the shared services (hostile input).
// It runs after `npm run build` (the fault scenarios start the built apps from dist/).
// `RESILIENCE_FULL=1` (`npm run test:resilience -- --full` sets it) runs the long load burst.
const base = require('../../jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  rootDir: require('node:path').join(__dirname, '..', '..'),
  reporters: base.reporters,
  workerIdleMemoryLimit: base.workerIdleMemoryLimit,
  projects: [
    {
      ...integration,
      displayName: 'resilience',
      testMatch: ['<rootDir>/test/resilience/**/*.resilience-spec.ts'],
    },
  ],
};
