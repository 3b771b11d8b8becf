import { handlerProblems } from './job-dispatcher.service';
import type { JobDefinition } from './job-definition';
import { QueueName } from './queue-names';
import { QUICK_RETRY } from './retry-policies';

const job = (name: string): JobDefinition => ({
  name,
  queue: QueueName.Maintenance,
  retry: QUICK_RETRY,
});

describe('the worker start-up check of job handlers', () => {
  it('passes when every declared job has exactly one handler', () => {
    expect(
      handlerProblems(
        [job('a'), job('b')],
        new Map([
          ['a', ['A']],
          ['b', ['B']],
        ]),
      ),
    ).toEqual([]);
  });

  it('names a job with no handler, one with two, and a handler of an undeclared job', () => {
    expect(
      handlerProblems(
        [job('a'), job('b')],
        new Map([
          ['b', ['B1', 'B2']],
          ['c', ['C']],
        ]),
      ),
    ).toEqual([
      "job 'a' has no handler",
      "job 'b' has 2 handlers: B1, B2",
      "a handler is registered for unknown job 'c'",
    ]);
  });
});
