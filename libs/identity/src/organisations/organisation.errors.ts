import { ConflictError, ProblemEntry, entriesOf } from '@catalyst/common';

export class OrganisationNameTakenError extends ConflictError {
  static readonly code = 'organisation.name_taken';
  static readonly meaning =
    'An organisation of the same kind already has this name (ignoring case and spacing).';
  constructor(kind: string, name: string) {
    super(
      OrganisationNameTakenError.code,
      `A ${kind} organisation named '${name}' already exists.`,
    );
  }
}

export const ORGANISATION_PROBLEMS: ProblemEntry[] = entriesOf(OrganisationNameTakenError);
