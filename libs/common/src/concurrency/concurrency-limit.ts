/**
 * At most `max` tasks run at once; the others wait their turn in arrival order. Used to bound
 * password hashing, whose memory and CPU cost per call is deliberately high: without a bound, a
 * burst of sign-ins would start them all at once and exhaust the process. Also bounds document
 * uploads, each of which holds a database connection while its content streams in.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`A concurrency limit must be a positive integer, not ${max}`);
    }
  }

  /** Tasks running now and tasks waiting for a slot. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.max) this.active++;
    // A finishing task hands its slot straight to the next waiter, so `active` never dips.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
