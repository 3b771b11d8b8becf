import {
  AssignmentInput,
  AssignmentPlan,
  DeclaredConflict,
  ExistingAssignment,
  PlanApplication,
  planAssignments,
} from './assignment.plan';

const app = (n: number, company = `org-${n}`): PlanApplication => ({
  id: `app-${String(n).padStart(3, '0')}`,
  startupOrganisationId: company,
});
const panel = (n: number) => Array.from({ length: n }, (_, i) => `assessor-${i}`);

function loadsOf(plan: AssignmentPlan, assessors: readonly string[]): number[] {
  return assessors.map((a) => plan.loads[a] ?? 0);
}

function spread(values: number[]): number {
  return values.length ? Math.max(...values) - Math.min(...values) : 0;
}

describe('planning assignments', () => {
  it('gives every application the requested number of distinct assessors, evenly', () => {
    const apps = Array.from({ length: 10 }, (_, i) => app(i));
    const plan = planAssignments({
      perApplication: 3,
      applications: apps,
      assessors: panel(4),
      existing: [],
      conflicts: [],
    });
    expect(plan.assignments).toHaveLength(30);
    for (const a of apps) {
      const mine = plan.assignments.filter((x) => x.applicationId === a.id);
      expect(new Set(mine.map((x) => x.assessorUserId)).size).toBe(3);
    }
    // 30 assessments over 4 assessors: 8, 8, 7, 7.
    expect(loadsOf(plan, panel(4)).sort()).toEqual([7, 7, 8, 8]);
    expect(plan.shortfalls).toEqual([]);
  });

  it('never assigns an assessor to a company they declared a conflict with', () => {
    const apps = [app(1, 'acme'), app(2, 'globex'), app(3, 'acme')];
    const plan = planAssignments({
      perApplication: 2,
      applications: apps,
      assessors: panel(3),
      existing: [],
      conflicts: [{ assessorUserId: 'assessor-0', startupOrganisationId: 'acme' }],
    });
    const acme = plan.assignments.filter((x) => x.applicationId !== 'app-002');
    expect(acme.map((x) => x.assessorUserId)).not.toContain('assessor-0');
    expect(acme).toHaveLength(4);
  });

  it('reports a shortfall when conflicts leave too few eligible assessors', () => {
    const plan = planAssignments({
      perApplication: 3,
      applications: [app(1, 'acme')],
      assessors: panel(3),
      existing: [],
      conflicts: [{ assessorUserId: 'assessor-1', startupOrganisationId: 'acme' }],
    });
    expect(plan.assignments).toHaveLength(2);
    expect(plan.shortfalls).toEqual([{ applicationId: 'app-001', assessors: 2, missing: 1 }]);
  });

  it('only tops up: existing assignments count, and a re-run adds nothing', () => {
    const apps = Array.from({ length: 6 }, (_, i) => app(i));
    const input: AssignmentInput = {
      perApplication: 2,
      applications: apps,
      assessors: panel(3),
      existing: [],
      conflicts: [],
    };
    const first = planAssignments(input);
    const existing = first.assignments.map((a) => ({ ...a, counts: true }));
    expect(planAssignments({ ...input, existing }).assignments).toEqual([]);

    // Two new applications arrive: only they are assigned.
    const more = planAssignments({ ...input, applications: [...apps, app(7), app(8)], existing });
    expect(more.assignments.map((a) => a.applicationId).sort()).toEqual([
      'app-007',
      'app-007',
      'app-008',
      'app-008',
    ]);
    expect(spread(loadsOf(more, panel(3)))).toBeLessThanOrEqual(1);
  });

  it('replaces a conflicted assessor without re-creating the conflicted pair', () => {
    const existing: ExistingAssignment[] = [
      { applicationId: 'app-001', assessorUserId: 'assessor-0', counts: false },
      { applicationId: 'app-001', assessorUserId: 'assessor-1', counts: true },
    ];
    const plan = planAssignments({
      perApplication: 2,
      applications: [app(1)],
      assessors: panel(3),
      existing,
      conflicts: [],
    });
    expect(plan.assignments).toEqual([{ applicationId: 'app-001', assessorUserId: 'assessor-2' }]);
  });

  it('gives new work to a newly added panel member first', () => {
    const apps = Array.from({ length: 4 }, (_, i) => app(i));
    const existing = apps.flatMap((a) => [
      { applicationId: a.id, assessorUserId: 'assessor-0', counts: true },
    ]);
    const plan = planAssignments({
      perApplication: 2,
      applications: [...apps, app(9)],
      assessors: panel(3),
      existing,
      conflicts: [],
    });
    // assessor-0 already has 4; the other two share the 4 top-ups and the new application's 2.
    expect(plan.loads).toEqual({ 'assessor-0': 4, 'assessor-1': 3, 'assessor-2': 3 });
  });

  it('does not depend on the order of its input', () => {
    const apps = Array.from({ length: 9 }, (_, i) => app(i, `org-${i % 4}`));
    const conflicts = [{ assessorUserId: 'assessor-2', startupOrganisationId: 'org-1' }];
    const a = planAssignments({
      perApplication: 2,
      applications: apps,
      assessors: panel(5),
      existing: [],
      conflicts,
    });
    const b = planAssignments({
      perApplication: 2,
      applications: [...apps].reverse(),
      assessors: panel(5).reverse(),
      existing: [],
      conflicts,
    });
    expect(b).toEqual(a);
  });
});

/** mulberry32: a tiny seeded generator, so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  seed: number;
  input: AssignmentInput;
}

function randomCase(seed: number, options: { conflicts: boolean; existing: boolean }): Case {
  const random = rng(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const assessors = panel(int(1, 12));
  const companies = Array.from({ length: int(1, 40) }, (_, i) => `org-${i}`);
  const applications = Array.from({ length: int(0, 60) }, (_, i) =>
    app(i, companies[int(0, companies.length - 1)]),
  );
  const perApplication = int(1, Math.min(assessors.length, 5));
  const conflicts: DeclaredConflict[] = [];
  if (options.conflicts) {
    const p = random() * 0.4;
    for (const a of assessors) {
      for (const c of companies) {
        if (random() < p) conflicts.push({ assessorUserId: a, startupOrganisationId: c });
      }
    }
  }
  const existing: ExistingAssignment[] = [];
  if (options.existing) {
    for (const application of applications) {
      for (const a of assessors) {
        if (random() < 0.15) {
          existing.push({
            applicationId: application.id,
            assessorUserId: a,
            counts: random() > 0.2,
          });
        }
      }
    }
  }
  return { seed, input: { perApplication, applications, assessors, existing, conflicts } };
}

/** Every violated guarantee, as readable lines (empty when the plan is right). */
function violations({ seed, input }: Case, plan: AssignmentPlan): string[] {
  const out: string[] = [];
  const fail = (message: string) => out.push(`seed ${seed}: ${message}`);
  const conflicted = new Set(
    input.conflicts.map((c) => `${c.assessorUserId}|${c.startupOrganisationId}`),
  );
  const companyOf = new Map(input.applications.map((a) => [a.id, a.startupOrganisationId]));
  const holders = new Map<string, Set<string>>();
  const counting = new Map<string, number>();
  for (const e of input.existing) {
    holders.set(e.applicationId, (holders.get(e.applicationId) ?? new Set()).add(e.assessorUserId));
    if (e.counts) counting.set(e.applicationId, (counting.get(e.applicationId) ?? 0) + 1);
  }
  const added = new Map<string, string[]>();
  for (const { applicationId, assessorUserId } of plan.assignments) {
    const company = companyOf.get(applicationId);
    if (holders.get(applicationId)?.has(assessorUserId)) {
      fail(`${applicationId} already had ${assessorUserId}`);
    }
    if (added.get(applicationId)?.includes(assessorUserId)) {
      fail(`${applicationId} got ${assessorUserId} twice`);
    }
    if (!input.assessors.includes(assessorUserId)) fail(`${assessorUserId} is not on the panel`);
    if (conflicted.has(`${assessorUserId}|${company}`)) {
      fail(`${assessorUserId} is conflicted with ${company} but got ${applicationId}`);
    }
    added.set(applicationId, [...(added.get(applicationId) ?? []), assessorUserId]);
  }

  const eligible = (applicationId: string, assessor: string) =>
    !holders.get(applicationId)?.has(assessor) &&
    !conflicted.has(`${assessor}|${companyOf.get(applicationId)}`);

  // Each application gets exactly what it lacks, unless too few assessors are eligible.
  for (const application of input.applications) {
    const need = Math.max(0, input.perApplication - (counting.get(application.id) ?? 0));
    const available = input.assessors.filter((a) => eligible(application.id, a)).length;
    const got = added.get(application.id)?.length ?? 0;
    if (got !== Math.min(need, available)) {
      fail(`${application.id} got ${got}, expected ${Math.min(need, available)}`);
    }
    const missing = plan.shortfalls.find((s) => s.applicationId === application.id)?.missing ?? 0;
    if (missing !== need - Math.min(need, available)) {
      fail(`${application.id} reports ${missing} missing`);
    }
  }

  // Loads reported match the assignments.
  for (const a of input.assessors) {
    const expected =
      input.existing.filter((e) => e.assessorUserId === a && e.counts).length +
      plan.assignments.filter((x) => x.assessorUserId === a).length;
    if (plan.loads[a] !== expected) fail(`${a} reports load ${plan.loads[a]}, has ${expected}`);
  }

  // No single move of a new assignment to an eligible assessor two or more below would help.
  for (const { applicationId, assessorUserId } of plan.assignments) {
    for (const other of input.assessors) {
      if (added.get(applicationId)?.includes(other) || !eligible(applicationId, other)) continue;
      if (plan.loads[other] <= plan.loads[assessorUserId] - 2) {
        fail(`${applicationId} could move from ${assessorUserId} to less loaded ${other}`);
      }
    }
  }

  // A re-run with the plan applied tops up nothing more.
  const rerun = planAssignments({
    ...input,
    existing: [...input.existing, ...plan.assignments.map((p) => ({ ...p, counts: true }))],
  });
  if (rerun.assignments.length) fail(`a re-run added ${rerun.assignments.length}`);
  return out;
}

describe('planning assignments, property-style over random panels', () => {
  const CASES = 400;

  it('keeps loads within one of each other when nobody is conflicted', () => {
    const found: string[] = [];
    for (let seed = 1; seed <= CASES; seed++) {
      const c = randomCase(seed, { conflicts: false, existing: false });
      const plan = planAssignments(c.input);
      found.push(...violations(c, plan));
      if (spread(loadsOf(plan, c.input.assessors)) > 1) found.push(`seed ${seed}: uneven loads`);
      if (plan.shortfalls.length) found.push(`seed ${seed}: shortfalls without conflicts`);
    }
    expect(found).toEqual([]);
  });

  it('never assigns a conflicted pair and balances as well as single moves allow', () => {
    const found: string[] = [];
    for (let seed = 1001; seed <= 1000 + CASES; seed++) {
      const c = randomCase(seed, { conflicts: true, existing: false });
      found.push(...violations(c, planAssignments(c.input)));
    }
    expect(found).toEqual([]);
  });

  it('tops up around earlier and conflicted assignments without duplicating any', () => {
    const found: string[] = [];
    for (let seed = 2001; seed <= 2000 + CASES; seed++) {
      const c = randomCase(seed, { conflicts: true, existing: true });
      found.push(...violations(c, planAssignments(c.input)));
    }
    expect(found).toEqual([]);
  });
});
