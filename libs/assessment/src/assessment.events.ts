import { publishes } from '@catalyst/audit';
import { CONFLICT_COMPETITORS_JOB } from './competitors/conflict-competitors.job';

/**
 * The assessment library's domain events (see DomainEvents in libs/audit): `entity.verb` →
 * payload, the `data` of the audit event. Transition events are named by the state machine and
 * not listed here. Assessment also subscribes to another context's event here: a company's
 * submission conflicts its members on the challenge's panel (`application.submitted` →
 * `conflict-competitors`).
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'assessment.assigned': {
      challengeId: string;
      applicationId: string;
      assessorUserId: string;
      how: string;
      stage?: string;
    };
    'assessment.unassigned': {
      challengeId: string;
      applicationId?: string;
      assessorUserId: string;
      why?: string;
    };
    'assessment.scored': {
      scores: { from: Record<string, number>; to: Record<string, number> };
      comment?: { from: string | null; to: string | null };
    };
    'conflict.declared': {
      assessorUserId: string;
      startupOrganisationId: string;
      challengeId: string;
      applicationId: string | null;
    };
    'challenge.assessor_added': { userId: string; stage?: string };
    'challenge.assessor_removed': {
      userId: string;
      removedAssessmentIds: string[];
      stage?: string;
    };
    'challenge.stage_added': {
      stage: string;
      position: number;
      needsSlots: boolean;
      blind: boolean;
    };
    'application.stage_entered': { challengeId: string; stage: string; from: string };
    'interview_slot.created': { challengeId: string; stage: string; applicationId: string | null };
    'interview_slot.booked': { challengeId: string; stage: string; applicationId: string };
    'assessment.feedback_comment_edited': { from: string | null; to: string | null };
    /** Companies are told their feedback is out (the notifications context listens). */
    'challenge.feedback_released': { applicationIds: string[] };
    'application.moderated': {
      stage: string;
      outcome: 'confirmed' | 'adjusted';
      rankedScore: number | null;
      adjustedScore: number | null;
      previous: { outcome: string; adjustedScore: number | null } | null;
    };
    'moderation_note.added': { moderationNoteId: string; stage?: string };
  }
}

publishes('application.submitted', {
  job: CONFLICT_COMPETITORS_JOB,
  // One submission is one job, however often its event is relayed.
  jobId: (e) => `conflict-competitors.${e.entityId}`,
  jobData: (e) => ({ applicationId: e.entityId }),
});
