import { PageQueryDto } from '@catalyst/common';

/** `GET /organisations/{id}/webhooks`: oldest first, keyset-paged. */
export class ListWebhooksQueryDto extends PageQueryDto {}
