import { SelectQueryBuilder } from 'typeorm';
import { Challenge } from './challenge.entity';

export interface ChallengeFilters {
  programmeId?: string;
  roundId?: string;
  status?: string;
  sponsorOrganisationId?: string;
  tag?: string;
  q?: string;
}

/**
 * The filters shared by the signed-in list and the public portal, on a query with the
 * challenge aliased `c`. Text search uses the GIN-indexed `search_vector` with
 * `websearch_to_tsquery` (English stemming: "flooding" finds "floods").
 */
export function applyChallengeFilters(
  qb: SelectQueryBuilder<Challenge>,
  f: ChallengeFilters,
): SelectQueryBuilder<Challenge> {
  if (f.programmeId) qb.andWhere('c.programme_id = :programmeId', { programmeId: f.programmeId });
  if (f.roundId) qb.andWhere('c.round_id = :roundId', { roundId: f.roundId });
  if (f.status) qb.andWhere('c.status = :status', { status: f.status });
  if (f.sponsorOrganisationId) {
    qb.andWhere('c.sponsor_organisation_id = :sponsorId', { sponsorId: f.sponsorOrganisationId });
  }
  const tag = f.tag?.trim().toLowerCase();
  if (tag) qb.andWhere(':tag = ANY(c.tags)', { tag });
  const q = f.q?.trim();
  if (q) qb.andWhere(`c.search_vector @@ websearch_to_tsquery('english', :q)`, { q });
  return qb;
}
