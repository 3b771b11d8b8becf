import { PageQueryDto } from '@catalyst/common';

/** A company's outcomes, oldest first (the history in the order it was reported). */
export class ListOutcomesQueryDto extends PageQueryDto {}
