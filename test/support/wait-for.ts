/**
 * Polls `condition` until it holds (never a fixed sleep): for states another session reaches
 * in its own time, such as a query queueing behind a row lock. The limit is generous so a
 * busy machine passes; reaching it fails the test with `what`.
 */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
