import type { TestUser } from './factories';
import type { Harness } from './harness';

/**
 * Access matrices: one row per action, one expected status per kind of caller. 404 = may not
 * see it, 403 = may see it but not do this. `request` builds a fresh resource per case when it
 * needs one, so the cases never depend on each other.
 */
export interface MatrixCall {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  body?: object;
}
export type MatrixRow<W extends string> = [
  action: string,
  request: () => MatrixCall | Promise<MatrixCall>,
  expected: Record<W, number>,
];

/** `it.each` rows: [action, who, status, request]. */
export function matrixCases<W extends string>(rows: MatrixRow<W>[], who: readonly W[]) {
  return rows.flatMap(([action, request, expected]) =>
    who.map((w) => [action, w, expected[w], request] as const),
  );
}

/** Sends the call as `user` and checks the status (and that a refusal is a problem document). */
export async function expectMatrixStatus(
  h: Harness,
  user: TestUser,
  request: () => MatrixCall | Promise<MatrixCall>,
  status: number,
): Promise<void> {
  const call = await request();
  const res = await h
    .http()
    [call.method](`/api/v1${call.path}`)
    .set('authorization', user.bearer)
    .send(call.body ?? {});
  expect({ status: res.status, code: status >= 400 ? res.body?.code : undefined }).toEqual({
    status,
    code:
      status === 404
        ? expect.stringMatching(/\.not_found$/)
        : status >= 400
          ? expect.any(String)
          : undefined,
  });
  if (status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}
