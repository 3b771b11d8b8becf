import { PageQueryDto } from '@catalyst/common';

/** `GET /notifications`: the caller's, newest first, keyset-paged. */
export class ListNotificationsQueryDto extends PageQueryDto {}
