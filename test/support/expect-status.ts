import type { Response } from 'supertest';

/**
 * The one status check of test set-up: returns the response when the API answered `status`,
 * else throws with the method, the path and the body (the problem document says why).
 */
export function expectStatus(res: Response, status: number): Response {
  if (res.status !== status) {
    throw new Error(
      `${res.request?.method ?? ''} ${res.request?.url ?? ''} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`,
    );
  }
  return res;
}
