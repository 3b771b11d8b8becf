/**
 * The assessment library's domain events (see DomainEvents in libs/audit): `entity.verb` →
 * payload, the `data` of the audit event. None is published yet. Transition events are named
 * by the state machine and not listed here.
 */
declare module '@catalyst/audit' {
  interface DomainEvents {
    'assessment.assigned': {
      challengeId: string;
      applicationId: string;
      assessorUserId: string;
      how: string;
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
    'challenge.assessor_added': { userId: string };
    'challenge.assessor_removed': { userId: string; removedAssessmentIds: string[] };
    'moderation_note.added': { moderationNoteId: string };
  }
}

export {};
