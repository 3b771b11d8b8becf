import type { ChallengeQuestion } from '@catalyst/rounds';
import { redactor, reviewerAnswers, WITHHELD } from './reviewer-answers';

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

describe('blind redaction of free text', () => {
  const founders = [
    { name: 'Jane Marlowe', email: 'jane@acme-robotics.co.uk' },
    { name: 'Tomasz Wierzbicki', email: 'tomasz@gmail.com' },
  ];
  const redact = redactor(
    { name: 'Acme Robotics Ltd', website: 'https://www.acmebots.example/about', members: founders },
    ['https://pilot.sensorhub.example/acme'],
  );

  it.each([
    ['the website', 'Our site https://www.acmebots.example/about has the demo'],
    ['the website domain', 'See acmebots.example for the demo'],
    ['the registrable name of the website', 'The acmebots team'],
    ['the domain of a URL answer', 'The pilot runs on pilot.sensorhub.example'],
    ['the domain of a member e-mail', 'Hosted on acme-robotics.co.uk'],
    ['a founder’s full name', 'Led by Jane Marlowe since 2020'],
    ['a founder’s surname alone', 'Dr Wierzbicki wrote the firmware'],
    ['the name in capitals', 'ACME ROBOTICS builds sensors'],
    ['the name without its space', 'AcmeRobotics builds sensors'],
    ['the name with punctuation', 'acme-robotics builds sensors'],
    ['the name with underscores', 'acme_robotics builds sensors'],
    ['the name with a suffix', 'Acme Robotics Ltd. builds sensors'],
    ['a spelled-out e-mail', 'Write to jane at acme dot com today'],
    ['a bracketed e-mail', 'Write to jane [at] acme [dot] co [dot] uk today'],
    ['a plain e-mail', 'Write to jane@acme-robotics.co.uk today'],
    ['an e-mail with a bare at and a real dot', 'Write to jane at acmebots.example today'],
  ])('removes %s', (_what, text) => {
    const out = redact(text).toLowerCase();
    for (const secret of [
      'acmebots',
      'sensorhub',
      'acme-robotics',
      'acme robotics',
      'acmerobotics',
      'acme_robotics',
      'marlowe',
      'wierzbicki',
      'jane at',
      'jane [at]',
      'jane@',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain(WITHHELD);
  });

  it('leaves ordinary prose alone', () => {
    const text =
      'We looked at the data and put a dot on the map; robotics at scale is hard. Read more at ' +
      'our office.';
    expect(redact(text)).toBe(text);
  });
});
