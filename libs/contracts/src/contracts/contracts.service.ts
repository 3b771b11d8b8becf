import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Application, Team } from '@catalyst/applications';
import { AuditService, diff } from '@catalyst/audit';
import { ForbiddenError, NotFoundError, Page, assertVersion, paginate } from '@catalyst/common';
import { Actor, Organisation } from '@catalyst/identity';
import { Round } from '@catalyst/rounds';
import {
  ContractDatesError,
  ContractNotEditableError,
  ContractPartyError,
  ContractProgrammeMismatchError,
  ContractProgrammeRequiredError,
  ContractReferenceTakenError,
} from '../contracts.errors';
import type { CreateContractDto } from './create-contract.dto';
import { Contract } from './contract.entity';
import { CURRENT_ENDS_ON_SQL } from './contract-figures.sql';
import { LoadedContract, loadContract } from './contract.loader';
import { ContractFacts, ContractPolicy } from './contract.policy';
import type { ContractView } from './contract.view';
import { ContractViewsService } from './contract-views.service';
import type { ListContractsQueryDto } from './list-contracts.query';
import type { UpdateContractDto } from './update-contract.dto';

const EDITABLE = [
  'reference',
  'title',
  'procurementRoute',
  'valueAmountMinor',
  'currency',
  'startsOn',
  'endsOn',
] as const;

/** Where a new contract belongs: its programme, round, team and original sponsor. */
interface Placement {
  programmeId: string;
  roundId: string | null;
  teamId: string | null;
  sponsorOrganisationId: string | null;
}

/** Recording contracts, reading them, and editing drafts. */
@Injectable()
export class ContractsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: ContractPolicy,
    private readonly views: ContractViewsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, body: CreateContractDto): Promise<ContractView> {
    const id = await this.dataSource.transaction(async (manager) => {
      await this.assertParties(manager, body.buyerOrganisationId, body.startupOrganisationId);
      const placement = await this.place(manager, actor, body);
      const facts: ContractFacts = {
        programmeId: placement.programmeId,
        buyerOrganisationId: body.buyerOrganisationId,
        startupOrganisationId: body.startupOrganisationId,
        sponsorOrganisationId: placement.sponsorOrganisationId,
      };
      if (!this.policy.canCreate(actor, facts)) {
        throw new ForbiddenError(
          'Contracts are recorded by their buyer, their startup, or a manager of their programme.',
        );
      }
      assertDates(body.startsOn, body.endsOn);
      const reference = body.reference.trim();
      await this.assertReferenceFree(manager, body.buyerOrganisationId, reference);
      const contract = await this.insert(manager, {
        ...placement,
        buyerOrganisationId: body.buyerOrganisationId,
        startupOrganisationId: body.startupOrganisationId,
        applicationId: null,
        kind: body.kind,
        reference,
        title: body.title.trim(),
        procurementRoute: body.procurementRoute ?? null,
        valueAmountMinor: body.value.amountMinor,
        currency: body.value.currency,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        status: 'draft',
        createdByUserId: actor.userId,
      });
      await this.audit.record(manager, {
        actor,
        action: 'contract.created',
        programmeId: contract.programmeId,
        entityType: 'contract',
        entityId: contract.id,
        data: {
          ...this.onBehalf(actor, facts),
          kind: contract.kind,
          reference,
          buyerOrganisationId: contract.buyerOrganisationId,
          startupOrganisationId: contract.startupOrganisationId,
          teamId: contract.teamId,
          roundId: contract.roundId,
          value: body.value,
          startsOn: contract.startsOn,
          endsOn: contract.endsOn,
        },
      });
      return contract.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string, manager = this.dataSource.manager): Promise<ContractView> {
    const contract = await this.visible(manager, actor, id);
    return this.views.one(manager, actor, contract);
  }

  /** The contract, or 404 when it does not exist or the caller may not see it. */
  async visible(
    manager: EntityManager,
    actor: Actor,
    id: string,
    lock = false,
  ): Promise<LoadedContract> {
    const contract = await loadContract(manager, id, { lock });
    if (!contract || !this.policy.canSee(actor, contract)) throw new NotFoundError('Contract', id);
    return contract;
  }

  /** Contracts the caller may see, newest first: two queries per page. */
  async list(actor: Actor, query: ListContractsQueryDto): Promise<Page<ContractView>> {
    const qb = this.dataSource
      .getRepository(Contract)
      .createQueryBuilder('contract')
      .innerJoinAndSelect('contract.buyerOrganisation', 'buyer')
      .innerJoinAndSelect('contract.startupOrganisation', 'startup');
    const filter = this.policy.listFilter(actor);
    qb.where(filter.sql, filter.params);
    const equal = {
      buyerOrganisationId: query.buyerOrganisationId,
      startupOrganisationId: query.startupOrganisationId,
      roundId: query.roundId,
      programmeId: query.programmeId,
      kind: query.kind,
      status: query.status,
    };
    for (const [field, value] of Object.entries(equal)) {
      if (value !== undefined) qb.andWhere(`contract.${field} = :${field}`, { [field]: value });
    }
    if (query.endingBefore) {
      qb.andWhere(`${CURRENT_ENDS_ON_SQL} < CAST(:endingBefore AS date)`, {
        endingBefore: query.endingBefore,
      });
    }
    const page = await paginate(qb, {
      alias: 'contract',
      sortBy: 'createdAt',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const items = await this.views.many(
      this.dataSource.manager,
      actor,
      page.items as LoadedContract[],
    );
    return { items, nextCursor: page.nextCursor };
  }

  /** A draft's terms, by its parties or a programme manager; after the award, 409. */
  async update(
    actor: Actor,
    id: string,
    body: UpdateContractDto,
    expectedVersion: number | undefined,
  ): Promise<ContractView> {
    await this.dataSource.transaction(async (manager) => {
      const contract = await this.visible(manager, actor, id, true);
      if (!this.policy.canEditDraft(actor, contract)) {
        throw new ForbiddenError(
          'Only the contract’s parties or its programme’s managers edit it.',
        );
      }
      assertVersion('contract', expectedVersion, contract.version);
      if (contract.status !== 'draft') throw new ContractNotEditableError(contract.status);
      const after: Contract = {
        ...contract,
        reference: body.reference?.trim() ?? contract.reference,
        title: body.title?.trim() ?? contract.title,
        procurementRoute: body.procurementRoute ?? contract.procurementRoute,
        valueAmountMinor: body.value?.amountMinor ?? contract.valueAmountMinor,
        currency: body.value?.currency ?? contract.currency,
        startsOn: body.startsOn ?? contract.startsOn,
        endsOn: body.endsOn ?? contract.endsOn,
      };
      assertDates(after.startsOn, after.endsOn);
      if (after.reference !== contract.reference) {
        await this.assertReferenceFree(manager, contract.buyerOrganisationId, after.reference);
      }
      const changes = diff(
        contract as unknown as Record<string, unknown>,
        after as unknown as Record<string, unknown>,
        EDITABLE,
      );
      if (Object.keys(changes).length === 0) return;
      const { buyerOrganisation: _b, startupOrganisation: _s, ...row } = after as LoadedContract;
      await this.save(manager, row);
      await this.audit.record(manager, {
        actor,
        action: 'contract.updated',
        programmeId: contract.programmeId,
        entityType: 'contract',
        entityId: id,
        data: { ...this.onBehalf(actor, contract), changes },
      });
    });
    return this.get(actor, id);
  }

  /** Inserts a contract, turning the per-buyer reference clash into its 409. */
  async insert(manager: EntityManager, row: Partial<Contract>): Promise<Contract> {
    return this.save(manager, manager.create(Contract, row));
  }

  private async save(manager: EntityManager, row: Partial<Contract>): Promise<Contract> {
    try {
      return await manager.save(Contract, row);
    } catch (error) {
      if (isUniqueViolation(error, 'contracts_buyer_reference_key')) {
        throw new ContractReferenceTakenError(row.reference ?? '');
      }
      throw error;
    }
  }

  private onBehalf(actor: Actor, facts: ContractFacts): { onBehalfOf?: 'buyer' } {
    return this.policy.actsOnBehalf(actor, facts) ? { onBehalfOf: 'buyer' } : {};
  }

  private async assertReferenceFree(
    manager: EntityManager,
    buyerOrganisationId: string,
    reference: string,
  ): Promise<void> {
    const taken = await manager.exists(Contract, { where: { buyerOrganisationId, reference } });
    if (taken) throw new ContractReferenceTakenError(reference);
  }

  private async assertParties(
    manager: EntityManager,
    buyerId: string,
    startupId: string,
  ): Promise<void> {
    const orgs = await manager.find(Organisation, {
      where: [{ id: buyerId }, { id: startupId }],
      select: { id: true, kind: true },
    });
    const kindOf = (id: string) => orgs.find((o) => o.id === id)?.kind;
    if (kindOf(buyerId) !== 'sponsor') {
      throw new ContractPartyError(
        'buyerOrganisationId',
        'must be a public body (a sponsor organisation)',
      );
    }
    if (kindOf(startupId) !== 'startup') {
      throw new ContractPartyError('startupOrganisationId', 'must be a startup organisation');
    }
  }

  /**
   * The contract's programme: the team's (and its round and sponsor), else the round's, else
   * the one named, else the one programme a manager runs. The startup must have applied to it.
   */
  private async place(
    manager: EntityManager,
    actor: Actor,
    body: CreateContractDto,
  ): Promise<Placement> {
    if (body.teamId) {
      const team = await manager.findOneBy(Team, { id: body.teamId });
      if (!team || team.startupOrganisationId !== body.startupOrganisationId) {
        throw new ContractPartyError('teamId', 'must be a team of the startup');
      }
      if (body.programmeId && body.programmeId !== team.programmeId) {
        throw new ContractProgrammeMismatchError('is not the programme of the team');
      }
      if (body.roundId && body.roundId !== team.roundId) {
        throw new ContractProgrammeMismatchError('the round is not the team’s');
      }
      return {
        programmeId: team.programmeId,
        roundId: team.roundId,
        teamId: team.id,
        sponsorOrganisationId: team.sponsorOrganisationId,
      };
    }
    let programmeId = body.programmeId;
    if (body.roundId) {
      const round = await manager.findOneBy(Round, { id: body.roundId });
      if (!round) throw new ContractProgrammeMismatchError('no such round');
      if (programmeId && programmeId !== round.programmeId) {
        throw new ContractProgrammeMismatchError('is not the programme of the round');
      }
      programmeId = round.programmeId;
    }
    if (!programmeId) {
      const managed = actor.managedProgrammeIds;
      if (managed.length !== 1) throw new ContractProgrammeRequiredError();
      programmeId = managed[0];
    }
    const applied = await manager.exists(Application, {
      where: { programmeId, startupOrganisationId: body.startupOrganisationId },
    });
    if (!applied) {
      throw new ContractProgrammeMismatchError('the startup never applied to this programme');
    }
    return {
      programmeId,
      roundId: body.roundId ?? null,
      teamId: null,
      sponsorOrganisationId: null,
    };
  }
}

export function assertDates(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw new ContractDatesError('endsOn', 'must not be before startsOn');
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === constraint;
}
