/**
 * Spreading applications over a panel: a pure function, so its guarantees are tested directly
 * (unit and property tests) and the service only loads, calls it and saves.
 *
 * Guarantees:
 * - every application gets up to `perApplication` counting assessors (existing non-conflicted
 *   ones count), all distinct, never an assessor who declared a conflict with its company and
 *   never a pair that already exists in any state (a conflicted pair is never re-created);
 * - an application falls short only when too few panel members are eligible for it, and the
 *   shortfall is reported;
 * - with no conflicts and no earlier assignments, assessor loads differ by at most one;
 * - otherwise loads are as even as single moves can make them: no new assignment could move to
 *   an eligible assessor whose load is at least two lower;
 * - re-running with the result as `existing` adds nothing (only missing assignments are made);
 * - the same input (in any order) gives the same plan.
 */
export interface PlanApplication {
  id: string;
  startupOrganisationId: string;
}

export interface ExistingAssignment {
  applicationId: string;
  assessorUserId: string;
  /** False for conflicted assessments: they hold the pair but do no work. */
  counts: boolean;
}

export interface DeclaredConflict {
  assessorUserId: string;
  startupOrganisationId: string;
}

export interface AssignmentInput {
  perApplication: number;
  applications: readonly PlanApplication[];
  /** Panel members who may take new work. */
  assessors: readonly string[];
  existing: readonly ExistingAssignment[];
  conflicts: readonly DeclaredConflict[];
}

export interface PlannedAssignment {
  applicationId: string;
  assessorUserId: string;
}

export interface Shortfall {
  applicationId: string;
  /** Counting assessors the application has after this plan. */
  assessors: number;
  missing: number;
}

export interface AssignmentPlan {
  assignments: PlannedAssignment[];
  shortfalls: Shortfall[];
  /** Counting assessments per panel member after the plan. */
  loads: Record<string, number>;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function planAssignments(input: AssignmentInput): AssignmentPlan {
  const perApplication = input.perApplication;
  const assessors = [...new Set(input.assessors)].sort(byString);
  const applications = [...input.applications].sort((a, b) => byString(a.id, b.id));
  const conflicted = new Set(
    input.conflicts.map((c) => pairKey(c.assessorUserId, c.startupOrganisationId)),
  );

  const load = new Map<string, number>(assessors.map((a) => [a, 0]));
  const taken = new Map<string, Set<string>>(); // application → assessors holding a pair
  const counting = new Map<string, number>(); // application → counting assessors
  for (const e of input.existing) {
    let holders = taken.get(e.applicationId);
    if (!holders) taken.set(e.applicationId, (holders = new Set()));
    holders.add(e.assessorUserId);
    if (e.counts) {
      counting.set(e.applicationId, (counting.get(e.applicationId) ?? 0) + 1);
      if (load.has(e.assessorUserId)) {
        load.set(e.assessorUserId, (load.get(e.assessorUserId) ?? 0) + 1);
      }
    }
  }

  const eligibleFor = (app: PlanApplication, holders: Set<string> | undefined) =>
    assessors.filter(
      (a) => !holders?.has(a) && !conflicted.has(pairKey(a, app.startupOrganisationId)),
    );

  interface Work {
    app: PlanApplication;
    need: number;
    eligible: string[];
  }
  const work: Work[] = applications
    .map((app) => ({
      app,
      need: Math.max(0, perApplication - (counting.get(app.id) ?? 0)),
      eligible: eligibleFor(app, taken.get(app.id)),
    }))
    .filter((w) => w.need > 0);
  // Most constrained first: applications with the fewest spare eligible assessors choose first.
  work.sort(
    (a, b) =>
      a.eligible.length - a.need - (b.eligible.length - b.need) || byString(a.app.id, b.app.id),
  );

  // Among equally loaded assessors, the one picked least recently goes first: spreads load and
  // varies who assesses alongside whom, deterministically.
  const lastPicked = new Map<string, number>(assessors.map((a, i) => [a, i - assessors.length]));
  let tick = 0;
  const chosen = new Map<string, string[]>(); // application → new assessors
  const shortfalls: Shortfall[] = [];
  for (const { app, need, eligible } of work) {
    const pool = [...eligible];
    const picks: string[] = [];
    while (picks.length < need && pool.length > 0) {
      pool.sort(
        (a, b) =>
          (load.get(a) ?? 0) - (load.get(b) ?? 0) ||
          (lastPicked.get(a) ?? 0) - (lastPicked.get(b) ?? 0) ||
          byString(a, b),
      );
      const pick = pool.shift() as string;
      picks.push(pick);
      load.set(pick, (load.get(pick) ?? 0) + 1);
      lastPicked.set(pick, tick++);
    }
    chosen.set(app.id, picks);
    if (picks.length < need) {
      shortfalls.push({
        applicationId: app.id,
        assessors: (counting.get(app.id) ?? 0) + picks.length,
        missing: need - picks.length,
      });
    }
  }

  rebalance(work, chosen, load);

  const assignments: PlannedAssignment[] = [];
  for (const app of applications) {
    for (const assessorUserId of chosen.get(app.id) ?? []) {
      assignments.push({ applicationId: app.id, assessorUserId });
    }
  }
  shortfalls.sort((a, b) => byString(a.applicationId, b.applicationId));
  return { assignments, shortfalls, loads: Object.fromEntries(load) };
}

/**
 * Conflicts can push the greedy pass into uneven loads. Moving a new assignment from an
 * assessor to an eligible one with a load at least two lower strictly lowers the sum of squared
 * loads, so this terminates; it stops when no such move is left.
 */
function rebalance(
  work: readonly { app: PlanApplication; eligible: string[] }[],
  chosen: Map<string, string[]>,
  load: Map<string, number>,
): void {
  for (let moved = true; moved;) {
    moved = false;
    for (const { app, eligible } of work) {
      const picks = chosen.get(app.id) ?? [];
      for (let i = 0; i < picks.length; i++) {
        const from = picks[i];
        const fromLoad = load.get(from) ?? 0;
        let best: string | undefined;
        for (const candidate of eligible) {
          if (picks.includes(candidate)) continue;
          const l = load.get(candidate) ?? 0;
          if (l <= fromLoad - 2 && (best === undefined || l < (load.get(best) ?? 0))) {
            best = candidate;
          }
        }
        if (best !== undefined) {
          picks[i] = best;
          load.set(from, fromLoad - 1);
          load.set(best, (load.get(best) ?? 0) + 1);
          moved = true;
        }
      }
    }
  }
}

function pairKey(assessorUserId: string, startupOrganisationId: string): string {
  return `${assessorUserId}|${startupOrganisationId}`;
}
