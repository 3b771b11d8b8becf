import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { ForbiddenError, ValidationFailedError, assertVersion } from '@catalyst/common';
import { DocumentReferencesService } from '@catalyst/documents';
import type { Actor } from '@catalyst/identity';
import {
  ContractClosedError,
  ContractCurrencyMismatchError,
  ContractDatesError,
  ContractValueBelowPaidError,
} from '../contracts.errors';
import { contractFigures } from '../contracts/contract-figures.sql';
import { touchContract } from '../contracts/contract.loader';
import { ContractPolicy } from '../contracts/contract.policy';
import { OPEN_STATUSES } from '../contracts/contract.state-machine';
import type { ContractView } from '../contracts/contract.view';
import { ContractsService } from '../contracts/contracts.service';
import { ContractAmendment } from './contract-amendment.entity';
import type { CreateAmendmentDto } from './create-amendment.dto';

/**
 * Amending a contract: a new end date, a new value, or both, with the reason and the documents
 * it rests on. Nothing is overwritten: the amendment is a new numbered row, and the contract's
 * current terms are derived from the original and every amendment.
 */
@Injectable()
export class ContractAmendmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
    private readonly policy: ContractPolicy,
    private readonly documents: DocumentReferencesService,
    private readonly audit: AuditService,
  ) {}

  async amend(
    actor: Actor,
    id: string,
    body: CreateAmendmentDto,
    expectedVersion: number | undefined,
  ): Promise<ContractView> {
    assertTerms(body);
    await this.dataSource.transaction(async (manager) => {
      const contract = await this.contracts.visible(manager, actor, id, true);
      if (!this.policy.canManageTerms(actor, contract)) {
        throw new ForbiddenError(
          'Only the buyer, or a manager of its programme, amends a contract.',
        );
      }
      assertVersion('contract', expectedVersion, contract.version);
      if (!OPEN_STATUSES.includes(contract.status)) throw new ContractClosedError(contract.status);
      const figures = (await contractFigures(manager, [id])).get(id)!;
      if (body.endsOn !== undefined && body.endsOn <= figures.currentEndsOn) {
        throw new ContractDatesError(
          'endsOn',
          `must be after the current end date, ${figures.currentEndsOn}`,
        );
      }
      if (body.value) {
        if (body.value.currency !== contract.currency) {
          throw new ContractCurrencyMismatchError(contract.currency, body.value.currency, 'value');
        }
        if (body.value.amountMinor < figures.paidMinor) {
          throw new ContractValueBelowPaidError(figures.paidMinor, contract.currency);
        }
      }
      const documents = await this.documents.attached(manager, actor, body.documentIds ?? [], {
        type: 'contract',
        id,
      });
      const [{ next }] = await manager.query<{ next: number }[]>(
        `SELECT COALESCE(MAX(number), 0) + 1 AS next FROM contract_amendments WHERE contract_id = $1`,
        [id],
      );
      const amendment = await manager.save(
        manager.create(ContractAmendment, {
          contractId: id,
          number: next,
          kind: body.kind,
          endsOn: body.endsOn ?? null,
          valueAmountMinor: body.value?.amountMinor ?? null,
          reason: body.reason.trim(),
          documentIds: documents.map((d) => d.id),
          createdByUserId: actor.userId,
        }),
      );
      await touchContract(manager, id);
      const money = (amountMinor: number) => ({ amountMinor, currency: contract.currency });
      await this.audit.record(manager, {
        actor,
        action: 'contract.amended',
        programmeId: contract.programmeId,
        entityType: 'contract',
        entityId: id,
        reason: amendment.reason,
        data: {
          amendmentId: amendment.id,
          number: amendment.number,
          kind: amendment.kind,
          endsOn: body.endsOn ? { from: figures.currentEndsOn, to: body.endsOn } : null,
          value: body.value
            ? { from: money(figures.currentValueMinor), to: money(body.value.amountMinor) }
            : null,
          documentIds: amendment.documentIds,
        },
      });
    });
    return this.contracts.get(actor, id);
  }
}

/** The kind names what changes: exactly those fields, no others (400 otherwise). */
function assertTerms(body: CreateAmendmentDto): void {
  const wantsEnd = body.kind !== 'value_change';
  const wantsValue = body.kind !== 'extension';
  const problems = [];
  if (wantsEnd !== (body.endsOn !== undefined)) {
    problems.push({
      field: 'endsOn',
      message: wantsEnd ? 'is required for this kind' : 'is not part of a value change',
    });
  }
  if (wantsValue !== (body.value !== undefined)) {
    problems.push({
      field: 'value',
      message: wantsValue ? 'is required for this kind' : 'is not part of an extension',
    });
  }
  if (problems.length)
    throw new ValidationFailedError('The amendment’s fields do not match its kind.', problems);
}
