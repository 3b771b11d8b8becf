import type { EntityManager } from 'typeorm';
import { AuditService, publicationOf } from '@catalyst/audit';
import { PING_JOB } from './ping/ping.job';
import './ops.events';

describe('the ops events', () => {
  it('publish ping.sent as the ping job, one job per ping id', () => {
    const publication = publicationOf('ping.sent')!;
    const event = {
      action: 'ping.sent',
      programmeId: null,
      entityType: 'ping',
      entityId: 'p1',
      data: {},
    };
    expect(publication.job).toBe(PING_JOB);
    expect(publication.jobId(event)).toBe('ping.p1');
    expect(publication.jobData(event)).toEqual({ pingId: 'p1' });
  });

  it('are typed where they are recorded (checked by the type checker, never run)', () => {
    const typed = (audit: AuditService, manager: EntityManager) => [
      audit.record(manager, {
        actor: null,
        action: 'ping.sent',
        entityType: 'ping',
        entityId: 'p',
      }),
      audit.record(manager, {
        actor: null,
        action: 'ping.sent',
        entityType: 'ping',
        entityId: 'p',
        // @ts-expect-error ping.sent declares an empty payload
        data: { extra: 1 },
      }),
      // Names not declared (yet), such as computed `<entity>.<to>` actions, take any payload.
      audit.record(manager, {
        actor: null,
        action: `assessment.${'submitted'}`,
        entityType: 'assessment',
        entityId: 'a',
        data: { any: 1 },
      }),
    ];
    expect(typeof typed).toBe('function');
  });
});
