import { SchoolPolicyPublishedV1, type SchoolPolicyPublished } from '@ejournal/contracts';
import { schoolPolicyOf } from './school-policy';

const published: SchoolPolicyPublished['data'] = SchoolPolicyPublishedV1.data.parse({
  schoolId: 'school-17',
  policyVersion: 2,
  effectiveFrom: '2027-01-09',
  correctionWindowDays: 5,
  afterWindowAuthorisedBy: ['deputy_head'],
  afterPeriodClosedAuthorisedBy: ['head'],
  orderRequired: true,
  markScales: ['five_point'],
  workTypeWeights: [{ workType: 'test', weight: 2 }],
  averaging: { method: 'arithmetic', decimals: 1, rounding: 'half_even' },
});

describe('schoolPolicyOf', () => {
  it("keeps exactly the port's fields of the published policy", () => {
    expect(schoolPolicyOf(published)).toEqual({
      policyVersion: 2,
      effectiveFrom: '2027-01-09',
      correctionWindowDays: 5,
      afterWindowAuthorisedBy: ['deputy_head'],
      afterPeriodClosedAuthorisedBy: ['head'],
      orderRequired: true,
      markScales: ['five_point'],
      workTypeWeights: [{ workType: 'test', weight: 2 }],
      averaging: { method: 'arithmetic', decimals: 1, rounding: 'half_even' },
    });
  });

  it('leaves out fields a later schema version may add', () => {
    const later = {
      ...published,
      gradingNote: 'added in v2',
      averaging: { ...published.averaging, bonus: 1 },
      workTypeWeights: [{ workType: 'test', weight: 2, cap: 5 }],
    };
    const policy = schoolPolicyOf(later);
    expect(policy).not.toHaveProperty('gradingNote');
    expect(policy).not.toHaveProperty('schoolId');
    expect(policy.averaging).not.toHaveProperty('bonus');
    expect(policy.workTypeWeights[0]).not.toHaveProperty('cap');
  });
});
