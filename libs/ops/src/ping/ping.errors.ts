import { ProblemEntry, notFoundEntry } from '@catalyst/common';

export const PING_PROBLEMS: ProblemEntry[] = [notFoundEntry('Ping receipt')];
