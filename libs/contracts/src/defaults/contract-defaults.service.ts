import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import { NotFoundError, assertVersion } from '@catalyst/common';
import { Actor, Programme } from '@catalyst/identity';
import { Round } from '@catalyst/rounds';
import { ContractDefaultsCurrencyError } from '../contracts.errors';
import type { ContractDefaultsView } from './contract-defaults.view';
import { RoundContractDefaults } from './round-contract-defaults.entity';
import type { SetContractDefaultsDto } from './set-contract-defaults.dto';

/**
 * A round's default programme contracts, set by a manager of its programme: what a decision
 * into exploration or selection drafts (see ProgrammeContractsService).
 */
@Injectable()
export class ContractDefaultsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, roundId: string): Promise<ContractDefaultsView> {
    const manager = this.dataSource.manager;
    const { programme } = await this.managedRound(manager, actor, roundId);
    return view(roundId, programme, await manager.findOneBy(RoundContractDefaults, { roundId }));
  }

  async set(
    actor: Actor,
    roundId: string,
    body: SetContractDefaultsDto,
    expectedVersion: number | undefined,
  ): Promise<ContractDefaultsView> {
    await this.dataSource.transaction(async (manager) => {
      const { round, programme } = await this.managedRound(manager, actor, roundId, true);
      const existing = await manager.findOne(RoundContractDefaults, {
        where: { roundId },
        lock: { mode: 'pessimistic_write' },
      });
      assertVersion('contract_defaults', expectedVersion, existing?.version ?? 0);
      for (const [field, value] of [
        ['exploration.value.currency', body.exploration?.value],
        ['accelerator.value.currency', body.accelerator?.value],
      ] as const) {
        if (value && value.currency !== programme.currency) {
          throw new ContractDefaultsCurrencyError(programme.currency, field);
        }
      }
      await manager.save(RoundContractDefaults, {
        ...(existing ?? {}),
        roundId,
        explorationAmountMinor: body.exploration?.value.amountMinor ?? null,
        explorationDays: body.exploration?.days ?? 21,
        acceleratorAmountMinor: body.accelerator?.value.amountMinor ?? null,
        currency: programme.currency,
        updatedByUserId: actor.userId,
      });
      await this.audit.record(manager, {
        actor,
        action: 'round.contract_defaults_set',
        programmeId: round.programmeId,
        entityType: 'round',
        entityId: roundId,
        data: {
          exploration: body.exploration
            ? { value: body.exploration.value, days: body.exploration.days ?? 21 }
            : null,
          accelerator: body.accelerator ? { value: body.accelerator.value } : null,
        },
      });
    });
    return this.get(actor, roundId);
  }

  private async managedRound(
    manager: EntityManager,
    actor: Actor,
    roundId: string,
    lock = false,
  ): Promise<{ round: Round; programme: Programme }> {
    const round = await manager.findOne(Round, {
      where: { id: roundId },
      ...(lock ? { lock: { mode: 'pessimistic_read' as const } } : {}),
    });
    if (!round || !actor.managesProgramme(round.programmeId))
      throw new NotFoundError('Round', roundId);
    const programme = await manager.findOneByOrFail(Programme, { id: round.programmeId });
    return { round, programme };
  }
}

function view(
  roundId: string,
  programme: Programme,
  d: RoundContractDefaults | null,
): ContractDefaultsView {
  const money = (amountMinor: number) => ({
    amountMinor,
    currency: d?.currency ?? programme.currency,
  });
  return {
    roundId,
    currency: d?.currency ?? programme.currency,
    exploration:
      d?.explorationAmountMinor != null
        ? { value: money(d.explorationAmountMinor), days: d.explorationDays }
        : null,
    accelerator:
      d?.acceleratorAmountMinor != null ? { value: money(d.acceleratorAmountMinor) } : null,
    version: d?.version ?? 0,
  };
}
