/**
 * Every entity of every domain library. The composition root for the data source: the apps,
 * the migration CLI and the tests all use this one list, so they see the same schema.
 * (Kept out of this library's index to avoid import cycles with the domain libraries.)
 */
import { ACCELERATOR_ENTITIES } from '@catalyst/accelerator/entities';
import { APPLICATIONS_ENTITIES } from '@catalyst/applications/entities';
import { ASSESSMENT_ENTITIES } from '@catalyst/assessment/entities';
import { AUDIT_ENTITIES } from '@catalyst/audit/entities';
import { CONTRACTS_ENTITIES } from '@catalyst/contracts/entities';
import { DOCUMENTS_ENTITIES } from '@catalyst/documents/entities';
import { IDENTITY_ENTITIES } from '@catalyst/identity/entities';
import { NOTIFICATIONS_ENTITIES } from '@catalyst/notifications/entities';
import { OPS_ENTITIES } from '@catalyst/ops/entities';
import { REPORTING_ENTITIES } from '@catalyst/reporting/entities';
import { ROUNDS_ENTITIES } from '@catalyst/rounds/entities';

export const ENTITIES = [
  ...OPS_ENTITIES,
  ...AUDIT_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...ROUNDS_ENTITIES,
  ...APPLICATIONS_ENTITIES,
  ...ASSESSMENT_ENTITIES,
  ...ACCELERATOR_ENTITIES,
  ...DOCUMENTS_ENTITIES,
  ...CONTRACTS_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...REPORTING_ENTITIES,
];
