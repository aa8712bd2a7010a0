import { specify } from '@ejournal/decider/testing';
import { guardianshipDecider, type GuardianshipEvent, type Link } from './guardianship.decider';
import { guardianshipAllows, type GuardianshipRecord } from './guardianship-rules';

const { given } = specify(guardianshipDecider);
const link: Link = {
  relation: 'mother',
  validFrom: '2026-09-01',
  validUntil: '2031-03-15',
  restrictions: [],
};
const linked: GuardianshipEvent = {
  type: 'GuardianLinked',
  data: { pupilId: 'p-1', guardianId: 'g-1', ...link },
};

describe('a pupil without guardians', () => {
  it('links a guardian', () =>
    given([])
      .when({ type: 'LinkGuardian', pupilId: 'p-1', guardianId: 'g-1', link })
      .then([linked]));
  it('refuses a link ending before it starts', () =>
    given([])
      .when({
        type: 'LinkGuardian',
        pupilId: 'p-1',
        guardianId: 'g-1',
        link: { ...link, validUntil: '2026-08-01' },
      })
      .thenRefuses('IDENTITY.GUARDIANSHIP_DATES'));
  it('cannot end a link that does not exist', () =>
    given([])
      .when({
        type: 'EndGuardianship',
        pupilId: 'p-1',
        guardianId: 'g-1',
        onDate: '2026-10-01',
        reason: 'other',
      })
      .thenRefuses('IDENTITY.NO_GUARDIANSHIP'));
});

describe('a pupil linked to a mother', () => {
  it('changes nothing when the same link is made again', () =>
    given([linked])
      .when({ type: 'LinkGuardian', pupilId: 'p-1', guardianId: 'g-1', link })
      .then([]));
  it('refuses a different second link for the same guardian', () =>
    given([linked])
      .when({
        type: 'LinkGuardian',
        pupilId: 'p-1',
        guardianId: 'g-1',
        link: { ...link, relation: 'other' },
      })
      .thenRefuses('IDENTITY.GUARDIANSHIP_EXISTS'));
  it('restricts the link by a court order', () =>
    given([linked])
      .when({
        type: 'RestrictGuardianship',
        pupilId: 'p-1',
        guardianId: 'g-1',
        restrictions: ['no_record_access'],
        fromDate: '2026-11-02',
      })
      .then([
        {
          type: 'GuardianshipRestricted',
          data: {
            pupilId: 'p-1',
            guardianId: 'g-1',
            restrictions: ['no_record_access'],
            fromDate: '2026-11-02',
          },
        },
      ]));
  it('ends the link', () =>
    given([linked])
      .when({
        type: 'EndGuardianship',
        pupilId: 'p-1',
        guardianId: 'g-1',
        onDate: '2027-02-01',
        reason: 'court_order',
      })
      .then([
        {
          type: 'GuardianshipEnded',
          data: { pupilId: 'p-1', guardianId: 'g-1', onDate: '2027-02-01', reason: 'court_order' },
        },
      ]));
  it('links the guardian anew after the link ended', () =>
    given([
      linked,
      {
        type: 'GuardianshipEnded',
        data: { pupilId: 'p-1', guardianId: 'g-1', onDate: '2027-02-01', reason: 'other' },
      },
    ])
      .when({
        type: 'LinkGuardian',
        pupilId: 'p-1',
        guardianId: 'g-1',
        link: { ...link, validFrom: '2027-03-01' },
      })
      .then([
        {
          type: 'GuardianLinked',
          data: { pupilId: 'p-1', guardianId: 'g-1', ...link, validFrom: '2027-03-01' },
        },
      ]));
});

describe('guardianshipAllows', () => {
  const record: GuardianshipRecord = {
    guardianId: 'g-1',
    pupilId: 'p-1',
    validFrom: '2026-09-01',
    validUntil: '2031-03-15',
    restrictions: [],
  };
  it.each<[string, Partial<GuardianshipRecord>, string, 'records' | 'notifications', boolean]>([
    ['a link in force', {}, '2026-10-01', 'records', true],
    ['before the link starts', {}, '2026-08-31', 'records', false],
    ['on the day the pupil comes of age', {}, '2031-03-15', 'records', false],
    [
      'records under a court order',
      { restrictions: ['no_record_access'] },
      '2026-10-01',
      'records',
      false,
    ],
    [
      'notifications under a court order',
      { restrictions: ['no_record_access'] },
      '2026-10-01',
      'notifications',
      false,
    ],
    [
      'records without notifications',
      { restrictions: ['no_notifications'] },
      '2026-10-01',
      'records',
      true,
    ],
    [
      'notifications refused',
      { restrictions: ['no_notifications'] },
      '2026-10-01',
      'notifications',
      false,
    ],
  ])('%s', (_case, change, on, purpose, allowed) => {
    expect(guardianshipAllows({ ...record, ...change }, on, purpose)).toBe(allowed);
  });
});
