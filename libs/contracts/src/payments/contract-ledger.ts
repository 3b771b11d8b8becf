import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '@catalyst/audit';
import type { Money } from '@catalyst/common';
import {
  ContractCeilingExceededError,
  ContractCurrencyMismatchError,
  ContractNotPayableError,
} from '../contracts.errors';
import type { Contract } from '../contracts/contract.entity';
import { contractFigures } from '../contracts/contract-figures.sql';
import { touchContract } from '../contracts/contract.loader';
import { PAYABLE_STATUSES } from '../contracts/contract.state-machine';
import { ContractPayment } from './contract-payment.entity';

export interface NewPayment {
  amount: Money;
  paidOn: string;
  reference: string | null;
  milestoneId: string | null;
}

/**
 * The one write path of the payment ledger, for people (ContractPaymentsService) and for the
 * system (a milestone paid in the accelerator). The caller holds the contract's row lock
 * (loadContract with `lock`); the rules here are the database trigger's, checked first so the
 * caller gets a catalogued 422 rather than a constraint error.
 */
@Injectable()
export class ContractLedger {
  constructor(private readonly audit: AuditService) {}

  /** Why `payment` cannot go on `contract` now, or null. */
  async refusal(manager: EntityManager, contract: Contract, amount: Money): Promise<Error | null> {
    if (!PAYABLE_STATUSES.includes(contract.status))
      return new ContractNotPayableError(contract.status);
    if (amount.currency !== contract.currency) {
      return new ContractCurrencyMismatchError(contract.currency, amount.currency, 'amount');
    }
    const f = (await contractFigures(manager, [contract.id])).get(contract.id)!;
    const remaining = f.currentValueMinor - f.paidMinor;
    if (amount.amountMinor > remaining)
      return new ContractCeilingExceededError(remaining, contract.currency);
    return null;
  }

  async pay(
    manager: EntityManager,
    actor: AuditActor,
    contract: Contract,
    payment: NewPayment,
  ): Promise<ContractPayment> {
    const refused = await this.refusal(manager, contract, payment.amount);
    if (refused) throw refused;
    const row = await manager.save(
      manager.create(ContractPayment, {
        contractId: contract.id,
        kind: 'payment',
        amountMinor: payment.amount.amountMinor,
        currency: payment.amount.currency,
        paidOn: payment.paidOn,
        reference: payment.reference,
        milestoneId: payment.milestoneId,
        recordedByUserId: actor.userId,
      }),
    );
    await touchContract(manager, contract.id);
    await this.audit.record(manager, {
      actor,
      action: 'contract_payment.recorded',
      programmeId: contract.programmeId,
      entityType: 'contract_payment',
      entityId: row.id,
      data: {
        contractId: contract.id,
        amount: payment.amount,
        paidOn: payment.paidOn,
        milestoneId: payment.milestoneId,
        paid: await this.paid(manager, contract),
      },
    });
    return row;
  }

  async reverse(
    manager: EntityManager,
    actor: AuditActor,
    contract: Contract,
    payment: ContractPayment,
    reason: string,
    today: string,
  ): Promise<ContractPayment> {
    const row = await manager.save(
      manager.create(ContractPayment, {
        contractId: contract.id,
        kind: 'reversal',
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        paidOn: today,
        reference: payment.reference,
        milestoneId: payment.milestoneId,
        reversesPaymentId: payment.id,
        reason,
        recordedByUserId: actor.userId,
      }),
    );
    await touchContract(manager, contract.id);
    await this.audit.record(manager, {
      actor,
      action: 'contract_payment.reversed',
      programmeId: contract.programmeId,
      entityType: 'contract_payment',
      entityId: payment.id,
      reason,
      data: {
        contractId: contract.id,
        reversalId: row.id,
        amount: { amountMinor: payment.amountMinor, currency: payment.currency },
        paid: await this.paid(manager, contract),
      },
    });
    return row;
  }

  private async paid(manager: EntityManager, contract: Contract): Promise<Money> {
    const f = (await contractFigures(manager, [contract.id])).get(contract.id)!;
    return { amountMinor: f.paidMinor, currency: contract.currency };
  }
}
