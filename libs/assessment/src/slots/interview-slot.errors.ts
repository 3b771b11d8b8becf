import {
  BusinessRuleError,
  ConflictError,
  ProblemEntry,
  entriesOf,
  notFoundEntry,
} from '@catalyst/common';

export class StageHasNoSlotsError extends BusinessRuleError {
  static readonly code = 'interview_slot.not_an_interview';
  static readonly meaning = 'Slots belong to a stage held in interview slots (`needsSlots`).';
  constructor(stage: string) {
    super(StageHasNoSlotsError.code, `The stage '${stage}' is not held in interview slots.`);
  }
}

export class SlotApplicationNotInStageError extends BusinessRuleError {
  static readonly code = 'interview_slot.not_in_stage';
  static readonly meaning =
    'A slot is given to, or booked for, an application entered into its stage.';
  constructor() {
    super(
      SlotApplicationNotInStageError.code,
      'This application has not been entered into the slot’s stage.',
    );
  }
}

export class SlotTakenError extends ConflictError {
  static readonly code = 'interview_slot.taken';
  static readonly meaning = 'The slot is already given to an application.';
  constructor() {
    super(SlotTakenError.code, 'This slot is already taken.');
  }
}

export class ApplicationHasSlotError extends ConflictError {
  static readonly code = 'interview_slot.already_booked';
  static readonly meaning = 'The application already has a slot in this stage.';
  constructor() {
    super(ApplicationHasSlotError.code, 'This application already has a slot in this stage.');
  }
}

export const INTERVIEW_SLOT_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(
    StageHasNoSlotsError,
    SlotApplicationNotInStageError,
    SlotTakenError,
    ApplicationHasSlotError,
  ),
  notFoundEntry('Interview slot', 'No such slot, or not visible to you.'),
];
