// Specs only: identity's facts about families, as the diary's specs send them through `streams`.

/** `GuardianLinked`, valid from 1 September 2026, without restrictions. */
export function guardianLinked(
  pupilId: string,
  guardianId: string,
  relation: 'mother' | 'father',
): [string, object] {
  const link = { pupilId, guardianId, relation, validFrom: '2026-09-01', validUntil: null };
  return ['GuardianLinked', { ...link, restrictions: [] }];
}

/** `ConsentGiven` by the guardian to diary notifications about the pupil, on 1 September. */
export function consentGiven(
  consentId: string,
  grantorId: string,
  subjectId: string,
): [string, object] {
  const purpose = 'diary_notifications';
  return [
    'ConsentGiven',
    { consentId, grantorId, subjectId, purpose, givenAt: '2026-09-01T08:00:00Z' },
  ];
}
