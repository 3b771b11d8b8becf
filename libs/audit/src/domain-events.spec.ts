import { defineJob, QUICK_RETRY, QueueName } from '@catalyst/queues';
import { publishes, subscribe, subscribersOf } from './domain-events';

const JOB = defineJob<{ id: string }>({
  name: 'gizmo-test',
  queue: QueueName.Maintenance,
  retry: QUICK_RETRY,
});

describe('event subscribers', () => {
  const publication = { job: JOB, jobId: () => 'p', jobData: () => ({ id: 'p' }) };
  const byEntity = { name: 'by-entity', job: JOB, jobId: () => 'e', jobData: () => ({ id: 'e' }) };
  const everything = {
    name: 'everything',
    job: JOB,
    jobId: () => 'a',
    jobData: () => ({ id: 'a' }),
  };

  beforeAll(() => {
    // An undeclared name, for the test only.
    publishes('gizmo.made' as never, publication);
    subscribe('gizmo.*', byEntity);
    subscribe(['*'], everything);
  });

  it('lists the publication first, then the matching subscriptions in declaration order', () => {
    expect(subscribersOf('gizmo.made')).toEqual([publication, byEntity, everything]);
    expect(subscribersOf('gizmo.broken')).toEqual([byEntity, everything]);
    expect(subscribersOf('gadget.made')).toEqual([everything]);
  });

  it('refuses two subscribers under one name', () => {
    subscribe('gizmo.*', byEntity); // the same declaration again is fine
    expect(() => subscribe('gizmo.*', { ...byEntity })).toThrow(/declared twice/);
  });
});
