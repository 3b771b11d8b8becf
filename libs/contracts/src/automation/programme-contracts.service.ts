import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Milestone, paymentOf } from '@catalyst/accelerator';
import { Application, Team } from '@catalyst/applications';
import { AuditService, SYSTEM_ACTOR } from '@catalyst/audit';
import { Clock, localDate } from '@catalyst/common';
import { Programme } from '@catalyst/identity';
import type { Challenge, Round } from '@catalyst/rounds';
import { Contract } from '../contracts/contract.entity';
import { RoundContractDefaults } from '../defaults/round-contract-defaults.entity';
import { ContractLedger } from '../payments/contract-ledger';
import { ContractPayment } from '../payments/contract-payment.entity';

const ACCELERATOR_DAYS = 105;

export type ProgrammeContractResult =
  { created: string } | { skipped: 'no_default' | 'not_decided' | 'already_exists' | 'no_team' };

/**
 * What the programme itself puts on the ledger, as the system: the paid exploration and
 * accelerator contracts its decisions imply, and the milestone payments the accelerator
 * records. Every step is idempotent (unique indexes), so a job run twice has one effect.
 */
@Injectable()
export class ProgrammeContractsService {
  constructor(
    private readonly audit: AuditService,
    private readonly ledger: ContractLedger,
    private readonly clock: Clock,
  ) {}

  /**
   * Drafts the application's contract of `kind` from its round's defaults: the challenge's
   * sponsor buys, for the default amount; an exploration runs from today for the default
   * days, an accelerator contract over the round's accelerator dates. A draft, because the
   * award is the buyer's procurement act (with its own reference, editable until then).
   */
  async draft(
    manager: EntityManager,
    applicationId: string,
    kind: 'exploration' | 'accelerator',
  ): Promise<ProgrammeContractResult> {
    const application = await manager.findOne(Application, {
      where: { id: applicationId },
      relations: { challenge: { round: true } },
    });
    if (!application) return { skipped: 'not_decided' };
    const decided =
      kind === 'exploration'
        ? ['exploration', 'selected'].includes(application.status)
        : application.status === 'selected';
    if (!decided) return { skipped: 'not_decided' };
    const challenge = application.challenge as Challenge;
    const round = challenge.round as Round;
    const defaults = await manager.findOneBy(RoundContractDefaults, { roundId: round.id });
    const amount =
      kind === 'exploration' ? defaults?.explorationAmountMinor : defaults?.acceleratorAmountMinor;
    if (!defaults || amount === null || amount === undefined) return { skipped: 'no_default' };
    const team = kind === 'accelerator' ? await manager.findOneBy(Team, { applicationId }) : null;
    if (kind === 'accelerator' && !team) return { skipped: 'no_team' };
    const programme = await manager.findOneByOrFail(Programme, { id: application.programmeId });
    const today = localDate(this.clock.now(), round.timezone ?? programme.timezone);
    const [startsOn, endsOn] =
      kind === 'exploration'
        ? [today, addDays(today, defaults.explorationDays)]
        : round.acceleratorStartsOn && round.acceleratorEndsOn
          ? [round.acceleratorStartsOn, round.acceleratorEndsOn]
          : [today, addDays(today, ACCELERATOR_DAYS)];
    const reference = `${kind === 'exploration' ? 'EXP' : 'ACC'}-${application.id}`;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Contract)
      .values({
        programmeId: application.programmeId,
        roundId: round.id,
        teamId: team?.id ?? null,
        applicationId,
        buyerOrganisationId: challenge.sponsorOrganisationId,
        startupOrganisationId: application.startupOrganisationId,
        sponsorOrganisationId: challenge.sponsorOrganisationId,
        kind,
        reference,
        title: `${kind === 'exploration' ? 'Paid exploration' : 'Accelerator'}: ${challenge.title}`,
        procurementRoute: 'direct_award',
        valueAmountMinor: amount,
        currency: defaults.currency,
        startsOn,
        endsOn,
        status: 'draft',
        createdByUserId: null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) return { skipped: 'already_exists' };
    await this.audit.record(manager, {
      actor: SYSTEM_ACTOR,
      action: 'contract.created',
      programmeId: application.programmeId,
      entityType: 'contract',
      entityId: id,
      data: {
        kind,
        reference,
        buyerOrganisationId: challenge.sponsorOrganisationId,
        startupOrganisationId: application.startupOrganisationId,
        teamId: team?.id ?? null,
        roundId: round.id,
        value: { amountMinor: amount, currency: defaults.currency },
        startsOn,
        endsOn,
        from: `application.${kind === 'exploration' ? 'exploration' : 'selected'}`,
      },
    });
    return { created: id };
  }

  /**
   * A (new) team for the application: its accelerator contract, unlinked when an earlier team
   * was disbanded, follows it. A contract already on a team is left alone.
   */
  async linkToTeam(
    manager: EntityManager,
    applicationId: string,
    teamId: string,
  ): Promise<{ linked: string[] }> {
    const team = await manager.findOneBy(Team, { id: teamId, applicationId });
    if (!team) return { linked: [] };
    // An UPDATE through the query runner answers [rows, count].
    const [linked]: [{ id: string; programme_id: string }[], number] = await manager.query(
      `UPDATE contracts SET team_id = $1, updated_at = now(), version = version + 1
        WHERE application_id = $2 AND kind = 'accelerator' AND team_id IS NULL
        RETURNING id, programme_id`,
      [teamId, applicationId],
    );
    for (const contract of linked) {
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'contract.team_linked',
        programmeId: contract.programme_id,
        entityType: 'contract',
        entityId: contract.id,
        data: { teamId, applicationId },
      });
    }
    return { linked: linked.map((c) => c.id) };
  }

  /**
   * The team was disbanded and the database unlinked its contracts (ON DELETE SET NULL): the
   * change goes on each contract's trail.
   */
  async recordUnlinked(
    manager: EntityManager,
    applicationId: string,
    teamId: string,
  ): Promise<{ unlinked: string[] }> {
    if (await manager.findOneBy(Team, { id: teamId })) return { unlinked: [] };
    const unlinked = await manager.find(Contract, {
      where: { applicationId, kind: 'accelerator', teamId: IsNull() },
      select: { id: true, programmeId: true },
    });
    for (const contract of unlinked) {
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'contract.team_unlinked',
        programmeId: contract.programmeId,
        entityType: 'contract',
        entityId: contract.id,
        data: { teamId, applicationId },
      });
    }
    return { unlinked: unlinked.map((c) => c.id) };
  }

  /**
   * Puts a paid milestone on its team's accelerator contract (awarded, active or completed),
   * once. When it cannot (no such contract, another currency, above the current value), the
   * reason is audited as `contract_payment.not_recorded` for a programme manager to act on.
   */
  async recordMilestonePayment(
    manager: EntityManager,
    milestoneId: string,
    teamId: string,
  ): Promise<{ recorded: string } | { skipped: string }> {
    const existing = await manager.findOneBy(ContractPayment, { milestoneId, kind: 'payment' });
    if (existing) return { skipped: 'already_recorded' };
    const milestone = await manager.findOneBy(Milestone, { id: milestoneId });
    const amount = milestone && paymentOf(milestone);
    if (!milestone || !amount || !milestone.paidOn) return { skipped: 'not_paid' };
    const ref = await manager.findOne(Contract, {
      where: { teamId, kind: 'accelerator' },
      order: { createdAt: 'DESC' },
      select: { id: true },
    });
    const contract =
      ref &&
      (await manager.findOne(Contract, {
        where: { id: ref.id },
        lock: { mode: 'pessimistic_write' },
      }));
    const why = !contract
      ? 'the team has no accelerator contract'
      : ((await this.ledger.refusal(manager, contract, amount))?.message ?? null);
    if (why || !contract) {
      const team = await manager.findOneByOrFail(Team, { id: teamId });
      await this.audit.record(manager, {
        actor: SYSTEM_ACTOR,
        action: 'contract_payment.not_recorded',
        programmeId: team.programmeId,
        entityType: 'milestone',
        entityId: milestoneId,
        data: { milestoneId, teamId, why: why ?? 'no contract' },
      });
      return { skipped: why ?? 'no contract' };
    }
    const payment = await this.ledger.pay(manager, SYSTEM_ACTOR, contract, {
      amount,
      paidOn: milestone.paidOn,
      reference: milestone.paymentReference,
      milestoneId,
    });
    return { recorded: payment.id };
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
