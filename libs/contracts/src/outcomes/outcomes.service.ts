import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Application } from '@catalyst/applications';
import { AuditService } from '@catalyst/audit';
import { NotFoundError, Page, paginate } from '@catalyst/common';
import { Actor, Organisation } from '@catalyst/identity';
import { OutcomeAlreadyCorrectedError, OutcomeFiguresError } from '../contracts.errors';
import type { CreateOutcomeDto } from './create-outcome.dto';
import type { ListOutcomesQueryDto } from './list-outcomes.query';
import { Outcome } from './outcome.entity';
import { OutcomeFacts, OutcomePolicy } from './outcome.policy';
import { OutcomeView, toOutcomeView } from './outcome.view';

/**
 * A startup's outcomes: reported by its members or by a programme manager on its behalf,
 * never edited; a correction is a new entry naming the one it corrects. Outcomes are the
 * company's, not one programme's: their audit events carry no programme.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: OutcomePolicy,
    private readonly audit: AuditService,
  ) {}

  async report(actor: Actor, organisationId: string, body: CreateOutcomeDto): Promise<OutcomeView> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const facts = await this.visibleCompany(manager, actor, organisationId);
      await this.assertFigures(manager, body);
      if (body.correctsOutcomeId) {
        const corrected = await manager.findOneBy(Outcome, {
          id: body.correctsOutcomeId,
          organisationId,
        });
        if (!corrected) throw new NotFoundError('Outcome', body.correctsOutcomeId);
        if (corrected.kind !== body.kind) {
          throw new OutcomeFiguresError(
            'kind',
            `must be the corrected outcome’s kind (${corrected.kind})`,
          );
        }
        const later = await manager.findOneBy(Outcome, { correctsOutcomeId: corrected.id });
        if (later) throw new OutcomeAlreadyCorrectedError(later.id);
      }
      const onBehalf = !this.policy.isMember(actor, facts);
      const row = await manager.save(
        manager.create(Outcome, {
          organisationId,
          kind: body.kind,
          valueAmountMinor: body.value?.amountMinor ?? null,
          valueCurrency: body.value?.currency ?? null,
          count: body.count ?? null,
          buyerOrganisationId: body.buyerOrganisationId ?? null,
          buyerName: body.buyerName?.trim() ?? null,
          reportedOn: body.reportedOn,
          note: body.note?.trim() || null,
          correctsOutcomeId: body.correctsOutcomeId ?? null,
          reportedByUserId: actor.userId,
          onBehalf,
        }),
      );
      await this.audit.record(manager, {
        actor,
        action: 'outcome.reported',
        entityType: 'outcome',
        entityId: row.id,
        data: {
          organisationId,
          kind: row.kind,
          value: body.value ?? null,
          count: row.count,
          reportedOn: row.reportedOn,
          correctsOutcomeId: row.correctsOutcomeId,
          onBehalf,
        },
      });
      return row;
    });
    return toOutcomeView(outcome, null);
  }

  /** The company's outcomes in the order reported, each saying whether it is current: two queries. */
  async list(
    actor: Actor,
    organisationId: string,
    query: ListOutcomesQueryDto,
  ): Promise<Page<OutcomeView>> {
    const manager = this.dataSource.manager;
    await this.visibleCompany(manager, actor, organisationId);
    const qb = manager
      .getRepository(Outcome)
      .createQueryBuilder('outcome')
      .where('outcome.organisationId = :organisationId', { organisationId });
    const page = await paginate(qb, {
      alias: 'outcome',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const ids = page.items.map((o) => o.id);
    const corrections = ids.length
      ? await manager.find(Outcome, {
          where: { correctsOutcomeId: In(ids) },
          select: { id: true, correctsOutcomeId: true },
        })
      : [];
    const by = new Map(corrections.map((c) => [c.correctsOutcomeId!, c.id]));
    return {
      items: page.items.map((o) => toOutcomeView(o, by.get(o.id) ?? null)),
      nextCursor: page.nextCursor,
    };
  }

  /** Whether the caller may see outcome `id` (for its documents). */
  async canSeeOutcome(
    actor: Actor,
    id: string,
    manager: EntityManager,
  ): Promise<OutcomeFacts | null> {
    const outcome = await manager.findOneBy(Outcome, { id });
    if (!outcome) return null;
    const facts = await this.facts(manager, outcome.organisationId);
    return facts && this.policy.canSee(actor, facts) ? facts : null;
  }

  /** The company's facts, or 404 when it is no startup or the caller may not see its outcomes. */
  async visibleCompany(
    manager: EntityManager,
    actor: Actor,
    organisationId: string,
  ): Promise<OutcomeFacts> {
    const facts = await this.facts(manager, organisationId);
    if (!facts || !this.policy.canSee(actor, facts))
      throw new NotFoundError('Organisation', organisationId);
    return facts;
  }

  private async facts(
    manager: EntityManager,
    organisationId: string,
  ): Promise<OutcomeFacts | null> {
    const org = await manager.findOneBy(Organisation, { id: organisationId });
    if (!org || org.kind !== 'startup') return null;
    const rows = await manager
      .getRepository(Application)
      .createQueryBuilder('application')
      .select('DISTINCT application.programmeId', 'programmeId')
      .where('application.startupOrganisationId = :organisationId', { organisationId })
      .getRawMany<{ programmeId: string }>();
    return { organisationId, programmeIds: rows.map((r) => r.programmeId) };
  }

  private async assertFigures(manager: EntityManager, body: CreateOutcomeDto): Promise<void> {
    const money = body.kind === 'investment' || body.kind === 'revenue';
    const must = (ok: boolean, field: string, message: string) => {
      if (!ok) throw new OutcomeFiguresError(field, message);
    };
    must(
      money === (body.value !== undefined),
      'value',
      money ? 'is required for this kind' : 'is not part of this kind',
    );
    must(
      (body.kind === 'jobs') === (body.count !== undefined),
      'count',
      body.kind === 'jobs' ? 'is required for jobs' : 'is only for jobs',
    );
    const buyer = body.buyerOrganisationId !== undefined || body.buyerName !== undefined;
    must(
      (body.kind === 'public_buyer') === buyer,
      'buyerOrganisationId',
      body.kind === 'public_buyer'
        ? 'or buyerName is required for a public buyer'
        : 'is only for a public buyer',
    );
    if (body.buyerOrganisationId) {
      const org = await manager.findOneBy(Organisation, { id: body.buyerOrganisationId });
      must(
        org?.kind === 'sponsor',
        'buyerOrganisationId',
        'must be a public body (a sponsor organisation)',
      );
    }
  }
}
