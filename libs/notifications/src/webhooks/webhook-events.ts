/**
 * The event types an organisation may receive by webhook (a subscription may also name
 * `<entity>.*`).
 */
export const WEBHOOK_EVENT_TYPES = [
  'application.submitted',
  'application.shortlisted',
  'application.selected',
  'application.waitlisted',
  'application.rejected',
  'application.withdrawn',
  'milestone.submitted',
  'milestone.accepted',
  'milestone.changes_requested',
  'milestone.paid',
  'contract.awarded',
  'contract.active',
  'contract.completed',
  'contract.terminated',
  'contract.amended',
  'contract_payment.recorded',
  'contract_payment.reversed',
] as const;

const ENTITIES = [...new Set(WEBHOOK_EVENT_TYPES.map((t) => t.split('.')[0]))];

/** What an endpoint may subscribe to: a type above, or a wildcard over one of their entities. */
export function isWebhookEventPattern(value: string): boolean {
  if ((WEBHOOK_EVENT_TYPES as readonly string[]).includes(value)) return true;
  return value.endsWith('.*') && ENTITIES.includes(value.slice(0, -2));
}

export function subscribedTo(patterns: readonly string[], eventType: string): boolean {
  return patterns.some((p) =>
    p.endsWith('.*') ? eventType.startsWith(p.slice(0, -1)) : p === eventType,
  );
}
