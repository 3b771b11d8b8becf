/**
 * The key of a challenge's first stage, the one every challenge has: the written application
 * scored on the challenge's rubric (a sift, when later stages follow). Existing panels,
 * assessments and notes belong to it.
 */
export const DEFAULT_STAGE_KEY = 'sift';

/**
 * SQL for an assessment's effective rubric and blind setting, given `a` (assessments), `c`
 * (challenges), `r` (rounds) and `st` joined as
 * `LEFT JOIN assessment_stages st ON st.challenge_id = a.challenge_id AND st.key = a.stage_key`.
 */
export const STAGE_JOIN = `LEFT JOIN assessment_stages st ON st.challenge_id = a.challenge_id AND st.key = a.stage_key`;
export const STAGE_RUBRIC_SQL = `COALESCE(st.rubric, c.rubric)`;
export const STAGE_BLIND_SQL = `(CASE WHEN st.needs_slots THEN false ELSE COALESCE(st.blind, r.blind_review) END)`;

/**
 * The application `id` is in the stage: $3 the stage key, $4 whether it is the first (which
 * every assessable application is in); a later stage holds only the entered applications.
 */
export const IN_STAGE_SQL = (id: string): string =>
  `($4::boolean OR EXISTS (SELECT 1 FROM stage_entries e
                            WHERE e.application_id = ${id} AND e.stage_key = $3))`;
