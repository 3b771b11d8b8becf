import { seconds } from './log';

/**
 * What the quick start prints last, once the API and the worker are ready: the address, how to
 * sign in, how to stop. Short, so it is not lost among the processes' start-up lines.
 */
export function readyLines(options: {
  port: number;
  adminHint?: string;
  began: number;
  backend: string;
}): string[] {
  const base = `http://localhost:${options.port}`;
  return [
    '',
    `Catalyst is ready (${seconds(options.began)}, queue backend ${options.backend}):`,
    `  Open ${base} in a browser (the web application).`,
    `  API documentation: ${base}/docs   API: ${base}/api/v1`,
    ...(options.adminHint
      ? [`  ${options.adminHint}`]
      : ['  Sign in with the BOOTSTRAP_ADMIN_* account (POST /api/v1/auth/login).']),
    '  Ctrl-C stops everything.',
  ];
}
