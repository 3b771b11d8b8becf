import {
  ProblemEntry,
  ValidationFailedError,
  entriesOf,
  notFoundEntry,
  staleVersionEntry,
} from '@catalyst/common';

export class WebhookAddressRefusedError extends ValidationFailedError {
  static readonly code = 'webhook.address_refused';
  static readonly meaning =
    'A webhook URL must be https:// and reach a public address (not loopback or a private network).';
  constructor(problem: string) {
    super(
      `The webhook URL ${problem}.`,
      [{ field: 'url', message: problem }],
      WebhookAddressRefusedError.code,
    );
  }
}

export const NOTIFICATION_PROBLEMS: ProblemEntry[] = [
  ...entriesOf(WebhookAddressRefusedError),
  notFoundEntry('Notification'),
  notFoundEntry('Webhook'),
  staleVersionEntry('webhook'),
  notFoundEntry('Calendar feed', 'The calendar token is unknown or was revoked.'),
];
