import { isApiPath } from './api-and-web';

describe('the quick start’s one address', () => {
  it('sends the API’s paths to the API and every other path to the web application', () => {
    for (const path of [
      '/api/v1/me',
      '/docs',
      '/docs/',
      '/docs-json',
      '/health/ready',
      '/health/live',
    ]) {
      expect(isApiPath(path)).toBe(true);
    }
    for (const path of [
      '/',
      '/challenges',
      '/sign-in',
      '/documents',
      '/healthy',
      '/apiary',
      '/assets/catalyst.css',
    ]) {
      expect(isApiPath(path)).toBe(false);
    }
  });
});
