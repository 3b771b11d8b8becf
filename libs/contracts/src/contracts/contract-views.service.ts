import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { allowedTransitions } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import { ContractAmendment } from '../amendments/contract-amendment.entity';
import { ContractPayment } from '../payments/contract-payment.entity';
import { ContractFigures, contractFigures } from './contract-figures.sql';
import type { LoadedContract } from './contract.loader';
import { ContractPolicy } from './contract.policy';
import { CONTRACT_STATE_MACHINE } from './contract.state-machine';
import type { ContractAmendmentView, ContractPaymentView, ContractView } from './contract.view';

/** Builds contract views: the row, its derived figures and, for single reads, its history. */
@Injectable()
export class ContractViewsService {
  constructor(private readonly policy: ContractPolicy) {}

  /** One contract with its amendments and ledger: three queries. */
  async one(manager: EntityManager, actor: Actor, contract: LoadedContract): Promise<ContractView> {
    const [figures, amendments, payments] = await Promise.all([
      contractFigures(manager, [contract.id]),
      manager.find(ContractAmendment, {
        where: { contractId: contract.id },
        order: { number: 'ASC' },
      }),
      manager.find(ContractPayment, {
        where: { contractId: contract.id },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    return this.view(actor, contract, figures.get(contract.id)!, amendments, payments);
  }

  /** A page of contracts: one query for the figures of all of them. */
  async many(
    manager: EntityManager,
    actor: Actor,
    contracts: LoadedContract[],
  ): Promise<ContractView[]> {
    const figures = await contractFigures(
      manager,
      contracts.map((c) => c.id),
    );
    return contracts.map((c) => this.view(actor, c, figures.get(c.id)!, [], []));
  }

  private view(
    actor: Actor,
    c: LoadedContract,
    f: ContractFigures,
    amendments: ContractAmendment[],
    payments: ContractPayment[],
  ): ContractView {
    const money = (amountMinor: number) => ({ amountMinor, currency: c.currency });
    const reversedBy = new Map(
      payments.filter((p) => p.reversesPaymentId).map((p) => [p.reversesPaymentId!, p.id]),
    );
    return {
      id: c.id,
      programmeId: c.programmeId,
      roundId: c.roundId,
      teamId: c.teamId,
      applicationId: c.applicationId,
      kind: c.kind,
      reference: c.reference,
      title: c.title,
      procurementRoute: c.procurementRoute,
      buyer: { id: c.buyerOrganisation.id, name: c.buyerOrganisation.name },
      startup: { id: c.startupOrganisation.id, name: c.startupOrganisation.name },
      sponsorOrganisationId: c.sponsorOrganisationId,
      status: c.status,
      terminationReason: c.terminationReason,
      originalValue: money(c.valueAmountMinor),
      currentValue: money(f.currentValueMinor),
      startsOn: c.startsOn,
      originalEndsOn: c.endsOn,
      currentEndsOn: f.currentEndsOn,
      paid: money(f.paidMinor),
      remaining: money(f.currentValueMinor - f.paidMinor),
      awardedAt: c.awardedAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      version: c.version,
      allowedTransitions: allowedTransitions(
        CONTRACT_STATE_MACHINE,
        c.status,
        this.policy.actorsFor(actor, c),
      ),
      amendments: amendments.map((a) => amendmentView(a, c.currency)),
      payments: payments.map((p) => paymentView(p, reversedBy.get(p.id) ?? null)),
    };
  }
}

export function amendmentView(a: ContractAmendment, currency: string): ContractAmendmentView {
  return {
    id: a.id,
    number: a.number,
    kind: a.kind,
    endsOn: a.endsOn,
    value: a.valueAmountMinor === null ? null : { amountMinor: a.valueAmountMinor, currency },
    reason: a.reason,
    documentIds: a.documentIds,
    createdByUserId: a.createdByUserId,
    createdAt: a.createdAt.toISOString(),
  };
}

export function paymentView(p: ContractPayment, reversedBy: string | null): ContractPaymentView {
  return {
    id: p.id,
    kind: p.kind,
    amount: { amountMinor: p.amountMinor, currency: p.currency },
    paidOn: p.paidOn,
    reference: p.reference,
    milestoneId: p.milestoneId,
    reversesPaymentId: p.reversesPaymentId,
    reversedByPaymentId: reversedBy,
    reason: p.reason,
    recordedByUserId: p.recordedByUserId,
    createdAt: p.createdAt.toISOString(),
  };
}
