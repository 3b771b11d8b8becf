import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Milestone, MilestonePaymentsService, paymentOf } from '@catalyst/accelerator';
import { Clock, ForbiddenError, NotFoundError, assertVersion, localDate } from '@catalyst/common';
import { Actor, Programme } from '@catalyst/identity';
import {
  ContractPaymentAlreadyReversedError,
  ContractPaymentInFutureError,
  ContractPaymentMilestoneError,
} from '../contracts.errors';
import type { LoadedContract } from '../contracts/contract.loader';
import { ContractPolicy } from '../contracts/contract.policy';
import type { ContractView } from '../contracts/contract.view';
import { ContractsService } from '../contracts/contracts.service';
import { ContractLedger } from './contract-ledger';
import { ContractPayment } from './contract-payment.entity';
import type { RecordContractPaymentDto, ReversePaymentDto } from './record-contract-payment.dto';

/**
 * Payments against a contract, by its buyer or a manager of its programme: append-only, never
 * above the current value, in the contract's currency; a mistake is corrected by a reversal
 * entry with a reason. A payment for a milestone also records the milestone paid (the
 * accelerator's record, the one source of "this milestone is paid") in the same transaction.
 */
@Injectable()
export class ContractPaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
    private readonly policy: ContractPolicy,
    private readonly ledger: ContractLedger,
    private readonly milestones: MilestonePaymentsService,
    private readonly clock: Clock,
  ) {}

  async record(
    actor: Actor,
    id: string,
    body: RecordContractPaymentDto,
    expectedVersion: number | undefined,
  ): Promise<ContractView> {
    await this.dataSource.transaction(async (manager) => {
      const contract = await this.lockForLedger(manager, actor, id, expectedVersion);
      const today = await this.today(manager, contract);
      if (body.paidOn > today) throw new ContractPaymentInFutureError(today);
      const refused = await this.ledger.refusal(manager, contract, body.amount);
      if (refused) throw refused;
      const reference = body.reference?.trim() ?? null;
      if (body.milestoneId) {
        const milestone = await manager.findOneBy(Milestone, { id: body.milestoneId });
        if (!milestone || !contract.teamId || milestone.teamId !== contract.teamId) {
          throw new ContractPaymentMilestoneError('is not a milestone of the contract’s team');
        }
        const due = paymentOf(milestone);
        if (
          !due ||
          due.amountMinor !== body.amount.amountMinor ||
          due.currency !== body.amount.currency
        ) {
          throw new ContractPaymentMilestoneError('the amount must be the milestone’s payment');
        }
        await this.milestones.recordPaidIn(manager, actor, milestone.id, {
          paidOn: body.paidOn,
          reference: reference ?? contract.reference,
        });
      }
      await this.ledger.pay(manager, actor, contract, {
        amount: body.amount,
        paidOn: body.paidOn,
        reference,
        milestoneId: body.milestoneId ?? null,
      });
    });
    return this.contracts.get(actor, id);
  }

  async reverse(
    actor: Actor,
    id: string,
    paymentId: string,
    body: ReversePaymentDto,
    expectedVersion: number | undefined,
  ): Promise<ContractView> {
    await this.dataSource.transaction(async (manager) => {
      const contract = await this.lockForLedger(manager, actor, id, expectedVersion);
      const payment = await manager.findOneBy(ContractPayment, { id: paymentId, contractId: id });
      if (!payment) throw new NotFoundError('Contract payment', paymentId);
      const reversed = await manager.exists(ContractPayment, {
        where: { reversesPaymentId: paymentId },
      });
      if (payment.kind !== 'payment' || reversed) throw new ContractPaymentAlreadyReversedError();
      await this.ledger.reverse(
        manager,
        actor,
        contract,
        payment,
        body.reason.trim(),
        await this.today(manager, contract),
      );
    });
    return this.contracts.get(actor, id);
  }

  private async lockForLedger(
    manager: Parameters<ContractsService['visible']>[0],
    actor: Actor,
    id: string,
    expectedVersion: number | undefined,
  ): Promise<LoadedContract> {
    const contract = await this.contracts.visible(manager, actor, id, true);
    if (!this.policy.canManageTerms(actor, contract)) {
      throw new ForbiddenError('Only the buyer, or a manager of its programme, records payments.');
    }
    assertVersion('contract', expectedVersion, contract.version);
    return contract;
  }

  /** Today in the programme's time zone. */
  private async today(
    manager: Parameters<ContractsService['visible']>[0],
    contract: LoadedContract,
  ): Promise<string> {
    const programme = await manager.findOneByOrFail(Programme, { id: contract.programmeId });
    return localDate(this.clock.now(), programme.timezone);
  }
}
