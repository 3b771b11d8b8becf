import { planSprints, sprintDays } from './sprint-calendar';

describe('planSprints', () => {
  it('cuts the accelerator into numbered sprints, the last one shorter', () => {
    // 2027-04-01 … 2027-04-30 is 30 days: two of 14, then 2.
    const sprints = planSprints('2027-04-01', '2027-04-30', 14);
    expect(sprints).toEqual([
      { number: 1, startsOn: '2027-04-01', endsOn: '2027-04-14' },
      { number: 2, startsOn: '2027-04-15', endsOn: '2027-04-28' },
      { number: 3, startsOn: '2027-04-29', endsOn: '2027-04-30' },
    ]);
    expect(sprints.map(sprintDays)).toEqual([14, 14, 2]);
  });

  it('makes whole sprints when the length divides the accelerator', () => {
    expect(planSprints('2027-04-01', '2027-04-28', 14).map(sprintDays)).toEqual([14, 14]);
  });

  it('makes one sprint when it is longer than the accelerator, and one of a single day', () => {
    expect(planSprints('2027-04-01', '2027-04-10', 30)).toEqual([
      { number: 1, startsOn: '2027-04-01', endsOn: '2027-04-10' },
    ]);
    expect(planSprints('2027-04-01', '2027-04-01', 14)).toHaveLength(1);
  });

  it('counts calendar days across a daylight-saving change', () => {
    // Europe/London moves its clocks on 2027-03-28: days stay days.
    expect(planSprints('2027-03-22', '2027-04-04', 7).map(sprintDays)).toEqual([7, 7]);
  });
});
