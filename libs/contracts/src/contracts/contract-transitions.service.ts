import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { Clock, TransitionDefinition, runTransition } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { Contract } from './contract.entity';
import { contractFigures } from './contract-figures.sql';
import { LoadedContract, loadContract } from './contract.loader';
import { ContractPolicy } from './contract.policy';
import { CONTRACT_STATE_MACHINE, ContractActor, ContractStatus } from './contract.state-machine';
import type { ContractTransitionDto } from './contract-transition.dto';
import type { ContractView } from './contract.view';
import { ContractsService } from './contracts.service';

/**
 * Every move of a contract through the shared transition use case: awarded, active,
 * completed, terminated (with a reason). The audit event (`contract.<to>`) carries the
 * contract's figures at that moment, so a report read years later can show what it stood at.
 */
@Injectable()
export class ContractTransitionsService {
  private readonly definition: TransitionDefinition<
    LoadedContract,
    ContractStatus,
    ContractActor,
    Actor
  >;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly policy: ContractPolicy,
    private readonly contracts: ContractsService,
  ) {
    this.definition = {
      machine: CONTRACT_STATE_MACHINE,
      label: 'Contract',
      load: (manager, id) => loadContract(manager, id, { lock: true }),
      visible: (actor, contract) => this.policy.canSee(actor, contract),
      actors: (actor, contract) => this.policy.actorsFor(actor, contract),
      programmeOf: (contract) => contract.programmeId,
      status: (contract) => contract.status,
      version: (contract) => contract.version,
      apply: async ({ manager, entity, actor, to, reason, auditData }) => {
        const changes: Partial<Contract> = { status: to, version: entity.version + 1 };
        if (to === 'awarded') changes.awardedAt = this.clock.now();
        if (to === 'completed' || to === 'terminated') changes.closedAt = this.clock.now();
        if (to === 'terminated') changes.terminationReason = reason;
        await manager.update(Contract, { id: entity.id }, changes);
        const figures = (await contractFigures(manager, [entity.id])).get(entity.id)!;
        const money = (amountMinor: number) => ({ amountMinor, currency: entity.currency });
        Object.assign(auditData, {
          reference: entity.reference,
          currentValue: money(figures.currentValueMinor),
          currentEndsOn: figures.currentEndsOn,
          paid: money(figures.paidMinor),
          ...(this.policy.actsOnBehalf(actor, entity) ? { onBehalfOf: 'buyer' } : {}),
        });
      },
      audit: (manager, event) => this.audit.record(manager, event),
    };
  }

  async transition(
    actor: Actor,
    id: string,
    dto: ContractTransitionDto,
    expectedVersion: number | undefined,
  ): Promise<ContractView> {
    await this.dataSource.transaction((manager) =>
      runTransition(this.definition, manager, actor, id, dto, expectedVersion),
    );
    return this.contracts.get(actor, id);
  }
}
