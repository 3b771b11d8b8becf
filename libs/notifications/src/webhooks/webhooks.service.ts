import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@catalyst/audit';
import {
  APP_CONFIG,
  Clock,
  NotFoundError,
  type AppConfig,
  type Page,
  assertVersion,
  mapPage,
  paginate,
} from '@catalyst/common';
import { Actor, assertAllowed, assertVisible, type OrganisationKind } from '@catalyst/identity';
import { JobProducer } from '@catalyst/queues';
import { WebhookAddressRefusedError } from '../notifications.errors';
import type { RoutedEvent } from '../rules/routed-event';
import type { CreateWebhookDto } from './create-webhook.dto';
import { DELIVER_WEBHOOK_JOB } from './deliver-webhook.job';
import type { ListWebhookDeliveriesQueryDto } from './list-webhook-deliveries.query';
import type { ListWebhooksQueryDto } from './list-webhooks.query';
import type { UpdateWebhookDto } from './update-webhook.dto';
import { webhookAddressProblem } from './webhook-address';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { subscribedTo } from './webhook-events';
import { WebhookPolicy } from './webhook.policy';
import { newWebhookSecret } from './webhook-signature';
import { WebhookDeliveryDto, WebhookDto, type WebhookWithSecretDto } from './webhook.view';
import { organisationAsActor, visibilityOf } from './webhook-visibility';

const DENIED = 'Only the organisation’s own administrators manage its webhooks.';

/** Registering, changing and listing an organisation's webhooks; fanning events out to them. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly policy: WebhookPolicy,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly producer?: JobProducer,
  ) {}

  async create(
    actor: Actor,
    organisationId: string,
    input: CreateWebhookDto,
  ): Promise<WebhookWithSecretDto> {
    const organisation = await this.manageable(actor, organisationId);
    await this.assertAddress(input.url);
    const secret = newWebhookSecret();
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(WebhookEndpoint, {
          organisationId: organisation.id,
          url: input.url,
          events: [...new Set(input.events)],
          description: input.description ?? null,
          secret,
          createdByUserId: actor.userId,
        }),
      );
      await this.record(manager, actor, 'webhook_endpoint.created', saved, {
        url: saved.url,
        events: saved.events,
      });
      return saved;
    });
    return { ...WebhookDto.from(await this.load(endpoint.id)), secret };
  }

  async list(
    actor: Actor,
    organisationId: string,
    query: ListWebhooksQueryDto,
  ): Promise<Page<WebhookDto>> {
    const organisation = await this.visibleOrganisation(actor, organisationId);
    const qb = this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('w')
      .where('w.organisationId = :id', { id: organisation.id });
    const page = await paginate(qb, {
      alias: 'w',
      sortBy: 'createdAt',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return mapPage(page, (e) => WebhookDto.from(e));
  }

  async get(actor: Actor, organisationId: string, id: string): Promise<WebhookDto> {
    return WebhookDto.from(await this.visibleEndpoint(actor, organisationId, id));
  }

  async update(
    actor: Actor,
    organisationId: string,
    id: string,
    input: UpdateWebhookDto,
    expectedVersion?: number,
  ): Promise<WebhookDto> {
    const endpoint = await this.manageableEndpoint(actor, organisationId, id);
    if (input.url !== undefined) await this.assertAddress(input.url);
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneOrFail(WebhookEndpoint, {
        where: { id: endpoint.id },
        lock: { mode: 'pessimistic_write' },
      });
      assertVersion('webhook', expectedVersion, current.version);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.url !== undefined && input.url !== current.url)
        changes.url = { from: current.url, to: (current.url = input.url) };
      if (input.events !== undefined)
        changes.events = {
          from: current.events,
          to: (current.events = [...new Set(input.events)]),
        };
      if (input.description !== undefined)
        changes.description = {
          from: current.description,
          to: (current.description = input.description),
        };
      if (input.status === 'active' && current.status !== 'active') {
        changes.status = { from: current.status, to: 'active' };
        current.status = 'active';
        current.failingSince = null;
        current.disabledAt = null;
        current.disabledReason = null;
      }
      if (Object.keys(changes).length === 0) return;
      current.updatedAt = this.clock.now();
      await manager.save(current);
      await this.record(manager, actor, 'webhook_endpoint.updated', current, { changes });
    });
    return WebhookDto.from(await this.load(endpoint.id));
  }

  async remove(actor: Actor, organisationId: string, id: string): Promise<void> {
    const endpoint = await this.manageableEndpoint(actor, organisationId, id);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        'DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = $1)',
        [endpoint.id],
      );
      await manager.delete(WebhookDelivery, { endpointId: endpoint.id });
      await manager.delete(WebhookEndpoint, { id: endpoint.id });
      await this.record(manager, actor, 'webhook_endpoint.deleted', endpoint, {
        url: endpoint.url,
      });
    });
  }

  async rotateSecret(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<WebhookWithSecretDto> {
    const endpoint = await this.manageableEndpoint(actor, organisationId, id);
    const secret = newWebhookSecret();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        WebhookEndpoint,
        { id: endpoint.id },
        { secret, updatedAt: this.clock.now(), version: () => 'version + 1' },
      );
      await this.record(manager, actor, 'webhook_endpoint.secret_rotated', endpoint, {});
    });
    return { ...WebhookDto.from(await this.load(endpoint.id)), secret };
  }

  async deliveries(
    actor: Actor,
    organisationId: string,
    id: string,
    query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryDto>> {
    const endpoint = await this.visibleEndpoint(actor, organisationId, id);
    const qb = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.endpointId = :id', { id: endpoint.id });
    const page = await paginate(qb, {
      alias: 'd',
      sortBy: 'createdAt',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const attempts = page.items.length
      ? await this.dataSource.getRepository(WebhookAttempt).find({
          where: { deliveryId: In(page.items.map((d) => d.id)) },
          order: { number: 'ASC' },
        })
      : [];
    return mapPage(page, (d) =>
      WebhookDeliveryDto.from(
        d,
        attempts.filter((a) => a.deliveryId === d.id),
      ),
    );
  }

  /**
   * The worker's side: one delivery per active endpoint subscribed to the event whose
   * organisation may see its subject (the subject's own policy decides), each queued under its
   * delivery's id. Recording is idempotent (endpoint, event id), so a retried route adds none.
   */
  async fanOut(event: RoutedEvent): Promise<number> {
    const endpoints = await this.dataSource.getRepository(WebhookEndpoint).find({
      where: { status: 'active' },
    });
    const interested = endpoints.filter((e) => subscribedTo(e.events, event.action));
    if (interested.length === 0) return 0;
    const manager = this.dataSource.manager;
    const sees = await visibilityOf(manager, event.entityType, event.entityId);
    if (!sees) return 0;
    const allowed: WebhookEndpoint[] = [];
    for (const endpoint of interested) {
      const organisation = await organisationAsActor(manager, endpoint.organisationId);
      if (organisation && sees(organisation)) allowed.push(endpoint);
    }
    const payload = {
      type: event.action,
      timestamp: this.clock.now().toISOString(),
      data: {
        entityType: event.entityType,
        id: event.entityId,
        programmeId: event.programmeId,
        details: event.data,
      },
    };
    let queued = 0;
    for (const endpoint of allowed) {
      await manager.query(
        `INSERT INTO webhook_deliveries (endpoint_id, message_id, event_type, payload, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (endpoint_id, message_id) DO NOTHING`,
        [
          endpoint.id,
          `msg_${event.eventId}`,
          event.action,
          JSON.stringify(payload),
          this.clock.now(),
        ],
      );
      const [delivery]: { id: string; status: string }[] = await manager.query(
        'SELECT id, status FROM webhook_deliveries WHERE endpoint_id = $1 AND message_id = $2',
        [endpoint.id, `msg_${event.eventId}`],
      );
      if (delivery.status !== 'pending') continue;
      if (!this.producer) throw new Error('Fanning out webhooks needs the queues (the worker)');
      await this.producer.enqueue(
        DELIVER_WEBHOOK_JOB,
        { deliveryId: delivery.id },
        { jobId: `deliver-webhook.${delivery.id}` },
      );
      queued++;
    }
    return queued;
  }

  private async assertAddress(url: string): Promise<void> {
    const problem = await webhookAddressProblem(url, this.config.webhookAllowPrivateAddresses);
    if (problem) throw new WebhookAddressRefusedError(problem);
  }

  private async record(
    manager: EntityManager,
    actor: Actor,
    action: string,
    endpoint: WebhookEndpoint,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, {
      actor,
      action,
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      data: { organisationId: endpoint.organisationId, ...data },
    });
  }

  private async load(id: string): Promise<WebhookEndpoint> {
    return this.dataSource.getRepository(WebhookEndpoint).findOneByOrFail({ id });
  }

  private async visibleOrganisation(
    actor: Actor,
    organisationId: string,
  ): Promise<{ id: string; kind: OrganisationKind }> {
    const [org]: { id: string; kind: OrganisationKind }[] = await this.dataSource.query(
      'SELECT id, kind FROM organisations WHERE id = $1',
      [organisationId],
    );
    assertVisible(!!org && this.policy.canSee(actor, org), 'Organisation', organisationId);
    return org;
  }

  private async manageable(actor: Actor, organisationId: string) {
    const org = await this.visibleOrganisation(actor, organisationId);
    assertAllowed(this.policy.canManage(actor, org), DENIED);
    return org;
  }

  private async visibleEndpoint(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<WebhookEndpoint> {
    const org = await this.visibleOrganisation(actor, organisationId);
    const endpoint = await this.dataSource
      .getRepository(WebhookEndpoint)
      .findOneBy({ id, organisationId: org.id });
    if (!endpoint) throw new NotFoundError('Webhook', id);
    return endpoint;
  }

  private async manageableEndpoint(
    actor: Actor,
    organisationId: string,
    id: string,
  ): Promise<WebhookEndpoint> {
    const endpoint = await this.visibleEndpoint(actor, organisationId, id);
    const org = await this.visibleOrganisation(actor, organisationId);
    assertAllowed(this.policy.canManage(actor, org), DENIED);
    return endpoint;
  }
}
