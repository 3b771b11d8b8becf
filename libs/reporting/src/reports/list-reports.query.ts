import { PageQueryDto } from '@catalyst/common';

/** The caller's reports, newest first. */
export class ListReportsQueryDto extends PageQueryDto {}
