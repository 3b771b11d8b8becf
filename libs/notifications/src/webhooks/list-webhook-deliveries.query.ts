import { PageQueryDto } from '@catalyst/common';

/** `GET …/webhooks/{id}/deliveries`: newest first, keyset-paged. */
export class ListWebhookDeliveriesQueryDto extends PageQueryDto {}
