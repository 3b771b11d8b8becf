import { ValidationFailedError } from '@catalyst/common';
import type { Actor } from '../auth/actor';
import { assertAllowed, assertVisible } from '../policy/visibility';

/**
 * Who may see and change programmes. Creating one (and the operator organisation that runs it)
 * is an instance-level action: instance administrators only. A programme's own managers (the
 * programme managers of its operator) see and edit it; nobody else knows it beyond the public
 * portal (404).
 */
export const ProgrammePolicy = {
  canCreate(actor: Actor): boolean {
    return actor.isInstanceAdmin;
  },

  canSee(actor: Actor, programme: { id: string }): boolean {
    return actor.isInstanceAdmin || actor.managesProgramme(programme.id);
  },

  canEdit(actor: Actor, programme: { id: string }): boolean {
    return ProgrammePolicy.canSee(actor, programme);
  },

  /** Programmes a list shows: all of them for an instance administrator, else those managed. */
  listScope(actor: Actor): 'all' | string[] {
    return actor.isInstanceAdmin ? 'all' : [...actor.managedProgrammeIds];
  },

  /**
   * The programme a new round goes into: the one named (which the caller must manage: 404
   * otherwise, as another programme is not theirs to know), or their only one; 400 when they
   * manage several and name none, 403 when they manage none.
   */
  programmeForNewRound(actor: Actor, requested: string | undefined): string {
    const managed = actor.managedProgrammeIds;
    if (requested) {
      assertVisible(actor.managesProgramme(requested), 'Programme', requested);
      return requested;
    }
    assertAllowed(
      managed.length > 0,
      'You manage no programme yet: an instance administrator creates one for your operator.',
    );
    if (managed.length === 1) return managed[0];
    throw new ValidationFailedError(
      'You manage several programmes: say which one the round is in.',
      [{ field: 'programmeId', message: 'is required when you manage several programmes' }],
    );
  },
};
