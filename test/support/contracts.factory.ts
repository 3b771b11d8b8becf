import type { ContractView } from '@catalyst/contracts';
import { expectStatus } from './expect-status';
import type { TestUser } from './factories';
import type { Harness } from './harness';

/**
 * Contracts through the real API (every rule and audit event applies):
 *
 *   const c = await createContract(h, pm, { buyerOrganisationId, startupOrganisationId, teamId });
 *   await moveContract(h, pm, c.id, 'awarded');
 *   await payContract(h, pm, c.id, gbp(100_000));
 */
let references = 0;

export async function createContract(
  h: Harness,
  user: TestUser,
  body: Record<string, unknown>,
): Promise<ContractView> {
  const res = await h
    .http()
    .post('/api/v1/contracts')
    .set('authorization', user.bearer)
    .send({
      kind: 'follow_on',
      reference: `REF-${Date.now().toString(36)}-${references++}`,
      title: 'Culvert sensors, year one',
      value: { amountMinor: 1_000_000, currency: 'GBP' },
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      ...body,
    });
  return expectStatus(res, 201).body as ContractView;
}

export async function moveContract(
  h: Harness,
  user: TestUser,
  id: string,
  to: string,
  reason?: string,
): Promise<ContractView> {
  const res = await h
    .http()
    .post(`/api/v1/contracts/${id}/transitions`)
    .set('authorization', user.bearer)
    .send(reason ? { to, reason } : { to });
  return expectStatus(res, 200).body as ContractView;
}

/** Creates a contract and awards it. */
export async function awardedContract(
  h: Harness,
  user: TestUser,
  body: Record<string, unknown>,
): Promise<ContractView> {
  const c = await createContract(h, user, body);
  return moveContract(h, user, c.id, 'awarded');
}

export function payContract(
  h: Harness,
  user: TestUser,
  id: string,
  amount: { amountMinor: number; currency: string },
  extra: Record<string, unknown> = {},
) {
  return h
    .http()
    .post(`/api/v1/contracts/${id}/payments`)
    .set('authorization', user.bearer)
    .send({ amount, paidOn: '2027-01-10', ...extra });
}

export function amendContract(
  h: Harness,
  user: TestUser,
  id: string,
  body: Record<string, unknown>,
) {
  return h
    .http()
    .post(`/api/v1/contracts/${id}/amendments`)
    .set('authorization', user.bearer)
    .send({ reason: 'Agreed at the quarterly review', ...body });
}
