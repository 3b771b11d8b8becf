import {
  DEFAULT_TEXT_MAX_LENGTH,
  budgetProblems,
  normaliseQuestions,
  normaliseTags,
  questionProblems,
  rubricProblems,
} from './challenge-content.rules';
import type { ChallengeQuestion, RubricCriterion } from './challenge.types';

const text: ChallengeQuestion = {
  key: 'approach',
  label: 'Approach',
  type: 'text',
  required: true,
};
const choice: ChallengeQuestion = {
  key: 'stage',
  label: 'Stage',
  type: 'choice',
  required: true,
  options: ['idea', 'product'],
};
const criterion: RubricCriterion = { key: 'impact', label: 'Impact', weight: 3, maxScore: 10 };

describe('question validation', () => {
  it('accepts a valid set', () => {
    expect(
      questionProblems([
        text,
        choice,
        { key: 'n', label: 'N', type: 'number', required: false },
        { key: 'u', label: 'U', type: 'url', required: false },
      ]),
    ).toEqual([]);
  });

  it('needs at least one question', () => {
    expect(questionProblems([])).toEqual([{ field: 'questions', message: expect.any(String) }]);
  });

  it('refuses duplicate keys, ignoring case, naming the duplicate', () => {
    expect(questionProblems([text, { ...text, key: 'Approach' }])).toEqual([
      { field: 'questions[1].key', message: 'duplicates questions[0].key' },
    ]);
  });

  it('needs options on a choice question, distinct ones', () => {
    expect(questionProblems([{ ...choice, options: undefined }])).toEqual([
      { field: 'questions[0].options', message: 'a choice question needs options' },
    ]);
    expect(questionProblems([{ ...choice, options: [] }])).toHaveLength(1);
    expect(questionProblems([{ ...choice, options: ['a', 'a '] }])).toEqual([
      { field: 'questions[0].options', message: 'options must be distinct' },
    ]);
  });

  it('takes options only on choice questions and maxLength only on text ones', () => {
    expect(
      questionProblems([
        { key: 'n', label: 'N', type: 'number', required: true, options: ['1'], maxLength: 3 },
      ]).map((p) => p.field),
    ).toEqual(['questions[0].options', 'questions[0].maxLength']);
  });

  it('refuses a maxLength that is not a positive integer', () => {
    expect(questionProblems([{ ...text, maxLength: 0 }])).toHaveLength(1);
    expect(questionProblems([{ ...text, maxLength: 2.5 }])).toHaveLength(1);
  });

  it('bounds text answers even when the sponsor set no limit', () => {
    const [q] = normaliseQuestions([text]);
    expect(q).toEqual({ ...text, maxLength: DEFAULT_TEXT_MAX_LENGTH });
    expect(normaliseQuestions([{ ...text, maxLength: 200 }])[0]?.maxLength).toBe(200);
  });
});

describe('rubric validation', () => {
  it('accepts a valid rubric', () => {
    expect(rubricProblems([criterion, { ...criterion, key: 'cost', weight: 0.5 }])).toEqual([]);
  });

  it('needs at least one criterion', () => {
    expect(rubricProblems([])).toEqual([{ field: 'rubric', message: expect.any(String) }]);
  });

  it('refuses duplicate keys', () => {
    expect(rubricProblems([criterion, criterion])).toEqual([
      { field: 'rubric[1].key', message: 'duplicates rubric[0].key' },
    ]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses weight %p', (weight) => {
    expect(rubricProblems([{ ...criterion, weight }])).toEqual([
      { field: 'rubric[0].weight', message: 'must be greater than 0' },
    ]);
  });

  it.each([0, -5])('refuses maxScore %p', (maxScore) => {
    expect(rubricProblems([{ ...criterion, maxScore }])).toEqual([
      { field: 'rubric[0].maxScore', message: 'must be greater than 0' },
    ]);
  });
});

describe('budget and tags', () => {
  const gbp = (amountMinor: number) => ({ amountMinor, currency: 'GBP' });

  it('keeps a budget in one currency', () => {
    expect(budgetProblems({ accelerator: gbp(1), exploration: gbp(2), followOn: gbp(3) })).toEqual(
      [],
    );
    expect(
      budgetProblems({ accelerator: gbp(1), followOn: { amountMinor: 3, currency: 'EUR' } }),
    ).toEqual([
      {
        field: 'budget.followOn.currency',
        message: 'must be GBP, the currency of budget.accelerator',
      },
    ]);
  });

  it('stores tags trimmed, lower-case and once', () => {
    expect(normaliseTags([' Climate', 'climate', 'Health ', ''])).toEqual(['climate', 'health']);
    expect(normaliseTags(undefined)).toEqual([]);
  });
});
