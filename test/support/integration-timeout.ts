// Jest 30 takes `testTimeout` only from the top-level configuration, not from a project's, so
// the integration project sets its limit here (setupFilesAfterEnv runs in every test file).
// Generous on purpose: the hooks build a database and an API, and a busy machine must pass.
jest.setTimeout(60_000);
