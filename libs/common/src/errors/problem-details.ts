import { FieldProblem } from './domain-errors';

/** RFC 9457 problem details document. */
export interface ProblemDetails {
  type: string;
  /** Stable machine-readable name of the problem, e.g. `application.deadline_passed`. */
  code: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(status: number): string {
  return status >= 500 ? 'about:blank' : `https://catalyst.dev/problems/http-${status}`;
}
