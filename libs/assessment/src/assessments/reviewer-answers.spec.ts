import type { ChallengeQuestion } from '@catalyst/rounds';
import { reviewerAnswers, WITHHELD } from './reviewer-answers';

const questions: ChallengeQuestion[] = [
  { key: 'pitch', label: 'Your idea', type: 'text', required: true },
  { key: 'site', label: 'Website', type: 'url', required: false, identifying: true },
  { key: 'team', label: 'Team size', type: 'number', required: true },
  { key: 'stage', label: 'Stage', type: 'choice', required: true, options: ['idea', 'pilot'] },
];
const answers = {
  pitch: 'Acme Robotics builds sensors; see acme.example or mail ceo@acme.example.',
  site: 'https://www.acme.example',
  team: 7,
  stage: 'pilot',
  stray: 'not a question any more',
};
const company = { name: 'Acme Robotics', website: 'https://www.acme.example' };

describe('answers as a reviewer sees them', () => {
  it('shows everything, in question order, when the review is not blind', () => {
    expect(reviewerAnswers(questions, answers, false, company)).toEqual([
      { key: 'pitch', label: 'Your idea', type: 'text', value: answers.pitch, withheld: false },
      { key: 'site', label: 'Website', type: 'url', value: answers.site, withheld: false },
      { key: 'team', label: 'Team size', type: 'number', value: 7, withheld: false },
      { key: 'stage', label: 'Stage', type: 'choice', value: 'pilot', withheld: false },
    ]);
  });

  it('withholds identifying answers and scrubs the name, website and e-mails in a blind review', () => {
    const view = reviewerAnswers(questions, answers, true, company);
    expect(view.find((a) => a.key === 'site')).toMatchObject({ value: null, withheld: true });
    const pitch = view.find((a) => a.key === 'pitch')?.value as string;
    expect(pitch).toBe(`${WITHHELD} builds sensors; see ${WITHHELD} or mail ${WITHHELD}.`);
    const text = JSON.stringify(view).toLowerCase();
    for (const secret of ['acme robotics', 'acme.example', 'ceo@']) {
      expect(text).not.toContain(secret);
    }
    expect(view.find((a) => a.key === 'team')?.value).toBe(7);
  });

  it('answers null for questions left unanswered', () => {
    expect(reviewerAnswers(questions, {}, true, company).map((a) => a.value)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
