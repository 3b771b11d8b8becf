import type { ChallengeQuestion } from '@catalyst/rounds';
import {
  MAX_ANSWER_LENGTH,
  mergeAnswers,
  validateAnswerTypes,
  validateAnswersForSubmission,
} from './answer.validation';

const QUESTIONS: ChallengeQuestion[] = [
  { key: 'approach', label: 'Approach', type: 'text', required: true, maxLength: 10 },
  { key: 'size', label: 'Team size', type: 'number', required: true },
  { key: 'site', label: 'Website', type: 'url', required: false },
  { key: 'stage', label: 'Stage', type: 'choice', required: true, options: ['idea', 'product'] },
];

describe('answer types (checked on every save)', () => {
  it('accepts well-typed, partial and empty answers', () => {
    expect(validateAnswerTypes(QUESTIONS, {})).toEqual([]);
    expect(validateAnswerTypes(QUESTIONS, { size: 0, site: 'https://a.example/x?y=1' })).toEqual(
      [],
    );
    expect(validateAnswerTypes(QUESTIONS, { approach: '', site: '', stage: '' })).toEqual([]);
  });

  it('does not enforce required answers or maxLength on a draft', () => {
    expect(validateAnswerTypes(QUESTIONS, { approach: 'far more than ten characters' })).toEqual(
      [],
    );
  });

  it('names each field with what is wrong with it', () => {
    expect(
      validateAnswerTypes(QUESTIONS, {
        approach: 12,
        size: '4',
        site: 'ftp://files.example',
        stage: 'scale-up',
        colour: 'blue',
      }),
    ).toEqual([
      { field: 'answers.approach', message: 'must be a string' },
      { field: 'answers.size', message: 'must be a number' },
      { field: 'answers.site', message: 'must be an http(s) URL' },
      { field: 'answers.stage', message: 'must be one of: idea, product' },
      { field: 'answers.colour', message: 'is not a question of this challenge' },
    ]);
  });

  it.each([['not a url'], ['http://'], ['javascript:alert(1)'], ['https://a b.example']])(
    'refuses %s as a URL',
    (site) => {
      expect(validateAnswerTypes(QUESTIONS, { site })).toHaveLength(1);
    },
  );

  it.each([[NaN], [Infinity], [null], [true], [[1]]])('refuses %p as a number', (size) => {
    expect(validateAnswerTypes(QUESTIONS, { size })).toEqual([
      { field: 'answers.size', message: 'must be a number' },
    ]);
  });

  it('caps any text answer even without a maxLength', () => {
    const open: ChallengeQuestion[] = [{ key: 'essay', label: 'E', type: 'text', required: false }];
    expect(validateAnswerTypes(open, { essay: 'x'.repeat(MAX_ANSWER_LENGTH) })).toEqual([]);
    expect(validateAnswerTypes(open, { essay: 'x'.repeat(MAX_ANSWER_LENGTH + 1) })).toHaveLength(1);
  });
});

describe('answers on submission', () => {
  const complete = { approach: 'Sensors', size: 3, stage: 'idea' };

  it('accepts complete answers within the limits', () => {
    expect(validateAnswersForSubmission(QUESTIONS, complete)).toEqual([]);
    expect(
      validateAnswersForSubmission(QUESTIONS, { ...complete, approach: 'x'.repeat(10) }),
    ).toEqual([]);
  });

  it('requires every required answer, blank text counting as missing', () => {
    expect(validateAnswersForSubmission(QUESTIONS, { approach: '  ' })).toEqual([
      { field: 'answers.approach', message: 'is required' },
      { field: 'answers.size', message: 'is required' },
      { field: 'answers.stage', message: 'is required' },
    ]);
  });

  it('enforces maxLength', () => {
    expect(
      validateAnswersForSubmission(QUESTIONS, { ...complete, approach: 'x'.repeat(11) }),
    ).toEqual([
      { field: 'answers.approach', message: 'must be at most 10 characters (it has 11)' },
    ]);
  });

  it('still refuses wrong types and choices, once per field', () => {
    expect(validateAnswersForSubmission(QUESTIONS, { ...complete, stage: 'other' })).toEqual([
      { field: 'answers.stage', message: 'must be one of: idea, product' },
    ]);
  });
});

describe('merging a PATCH into stored answers', () => {
  it('replaces given keys, removes nulls and keeps the rest', () => {
    expect(mergeAnswers({ a: 'x', b: 1, c: 'keep' }, { a: 'y', b: null })).toEqual({
      a: 'y',
      c: 'keep',
    });
  });
});
