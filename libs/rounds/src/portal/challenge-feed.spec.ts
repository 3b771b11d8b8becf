import type { Challenge } from '../challenges/challenge.entity';
import { challengeFeed } from './challenge-feed';

describe('challengeFeed', () => {
  it('drops characters XML cannot carry, even from stored text', () => {
    const at = new Date('2027-01-01T00:00:00Z');
    const challenge = {
      id: '0b3c3a57-2f1c-4d4e-9a43-0f3e6c0e9a11',
      title: 'Bell\u0007 and \u0000nul \ud800lone',
      summary: 'Fine',
      tags: [],
      publishedAt: at,
      updatedAt: at,
    } as unknown as Challenge;
    const xml = challengeFeed([challenge], 'https://catalyst.example', at);
    expect(xml).toContain('<title type="text">Bell and nul lone</title>');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });
});
