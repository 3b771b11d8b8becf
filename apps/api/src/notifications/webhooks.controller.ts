import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { parseIfMatch } from '@catalyst/common';
import type { Actor } from '@catalyst/identity';
import {
  CreateWebhookDto,
  ListWebhookDeliveriesQueryDto,
  ListWebhooksQueryDto,
  UpdateWebhookDto,
  WEBHOOK_EVENT_TYPES,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookPageDto,
  WebhookWithSecretDto,
  WebhooksService,
} from '@catalyst/notifications';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SignedIn } from '../auth/route-policy.decorator';

const FORBIDDEN = 'A member of the organisation who does not administer it';
const NOT_FOUND = 'Not a member of the organisation, or no such webhook';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('organisations/:organisationId/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @SignedIn()
  @ApiOperation({
    summary: 'Register a webhook endpoint (the organisation’s own administrators)',
    description:
      `Events: ${WEBHOOK_EVENT_TYPES.join(', ')}, or \`<entity>.*\`. Deliveries follow the Standard Webhooks ` +
      'specification (`webhook-id`, `webhook-timestamp`, `webhook-signature`: HMAC-SHA256 under the secret), ' +
      'are retried with exponential backoff, and the endpoint is disabled after a day of failures (the ' +
      'organisation is told). A receiver only gets events about what its organisation may see. ' +
      'The URL must be https:// on a public address.',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretDto, description: 'With the secret, shown once' })
  @ApiBadRequestResponse({ description: 'Invalid input, or `webhook.address_refused`' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  create(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() body: CreateWebhookDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(actor, organisationId, body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The organisation’s webhook endpoints (its members)' })
  @ApiOkResponse({ type: WebhookPageDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  list(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Query() query: ListWebhooksQueryDto,
  ): Promise<WebhookPageDto> {
    return this.webhooks.list(actor, organisationId, query);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'One webhook endpoint (never its secret)' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WebhookDto> {
    return this.webhooks.get(actor, organisationId, id);
  }

  @Patch(':id')
  @SignedIn()
  @ApiOperation({ summary: 'Change the URL, events or description, or turn it back on' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The `version` you read' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiBadRequestResponse({ description: 'Invalid input, or `webhook.address_refused`' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Stale If-Match (`webhook.stale_version`)' })
  update(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateWebhookDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<WebhookDto> {
    return this.webhooks.update(actor, organisationId, id, body, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook endpoint and its delivery log' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.webhooks.remove(actor, organisationId, id);
  }

  @Post(':id/rotate-secret')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown once; the old one stops at once' })
  @ApiOkResponse({ type: WebhookWithSecretDto })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  rotate(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(actor, organisationId, id);
  }

  @Get(':id/deliveries')
  @SignedIn()
  @ApiOperation({ summary: 'Deliveries, newest first, each with every attempt and its status' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  deliveries(
    @CurrentActor() actor: Actor,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(actor, organisationId, id, query);
  }
}
