import { BusinessRuleError } from '@catalyst/common';
import { assertPanelAssessed, needsPanelAssessment } from './application.assessment-rule';
import type { ApplicationStatus } from './application.statuses';

function refusal(to: ApplicationStatus, submitted: number, outstanding: number, conflicted = 0) {
  try {
    assertPanelAssessed(to, { submitted, outstanding, conflicted });
  } catch (error) {
    return error as BusinessRuleError;
  }
  return null;
}

describe('decisions rest on the panel’s assessment', () => {
  it('applies to every decision and to nothing else', () => {
    const all: ApplicationStatus[] = [
      'draft',
      'submitted',
      'ineligible',
      'shortlisted',
      'exploration',
      'selected',
      'waitlisted',
      'rejected',
      'withdrawn',
    ];
    expect(all.filter(needsPanelAssessment)).toEqual([
      'shortlisted',
      'exploration',
      'selected',
      'waitlisted',
      'rejected',
    ]);
  });

  it('refuses a decision nobody has scored, conflicted assessments not counting', () => {
    const none = refusal('rejected', 0, 0);
    expect(none).toBeInstanceOf(BusinessRuleError);
    expect(none?.status).toBe(422);
    expect(none?.detail).toMatch(/^No assessor has scored this application: it can be 'rejected'/);
    expect(none?.extensions.assessments).toEqual({ submitted: 0, outstanding: 0, conflicted: 0 });
    expect(refusal('shortlisted', 0, 0, 1)?.detail).toMatch(
      /^No assessor has scored this application \(its only assessor declared a conflict/,
    );
    expect(refusal('shortlisted', 0, 0, 2)?.detail).toContain('(all 2 of its assessors declared');
  });

  it('refuses while any assigned assessor has neither submitted nor declared a conflict', () => {
    expect(refusal('selected', 1, 2, 4)?.detail).toMatch(
      /^2 of 3 assessments are still outstanding: .* before it can be 'selected'/,
    );
    expect(refusal('waitlisted', 0, 1)?.detail).toMatch(/^1 of 1 assessment is still outstanding/);
    expect(refusal('waitlisted', 0, 1)?.extensions.assessments).toEqual({
      submitted: 0,
      outstanding: 1,
      conflicted: 0,
    });
  });

  it('allows a decision once every assessment is submitted or conflicted, one at least submitted', () => {
    expect(refusal('shortlisted', 1, 0)).toBeNull();
    expect(refusal('rejected', 2, 0, 1)).toBeNull();
  });

  it('never asks for scores to screen, submit, reinstate or withdraw', () => {
    for (const to of ['ineligible', 'submitted', 'withdrawn'] as const) {
      expect(refusal(to, 0, 3)).toBeNull();
    }
  });
});
