import type { GuardianshipRecord } from '../guardianship/guardianship-rules';
import { specify } from '@ejournal/decider/testing';
import { consentDecider, type ConsentEvent } from './consent.decider';
import { notificationRecipients, type ConsentRecord } from './notification-gate';

const { given } = specify(consentDecider);
const at = '2026-09-01T07:00:00.000Z';
const given_: ConsentEvent = {
  type: 'ConsentGiven',
  data: {
    consentId: 'c-1',
    grantorId: 'g-1',
    subjectId: 'p-1',
    purpose: 'diary_notifications',
    givenAt: at,
  },
};

describe('a guardian who has not consented', () => {
  it('consents to diary notifications about the pupil', () =>
    given([])
      .when({
        type: 'GiveConsent',
        grantorId: 'g-1',
        subjectId: 'p-1',
        purpose: 'diary_notifications',
        consentId: 'c-1',
        at,
      })
      .then([given_]));
  it('has nothing to withdraw', () =>
    given([])
      .when({
        type: 'WithdrawConsent',
        grantorId: 'g-1',
        subjectId: 'p-1',
        purpose: 'diary_notifications',
        at,
      })
      .thenRefuses('IDENTITY.NO_CONSENT'));
});

describe('a guardian who has consented', () => {
  it('changes nothing when consenting again', () =>
    given([given_])
      .when({
        type: 'GiveConsent',
        grantorId: 'g-1',
        subjectId: 'p-1',
        purpose: 'diary_notifications',
        consentId: 'c-2',
        at,
      })
      .then([]));
  it('withdraws the consent in force', () =>
    given([given_])
      .when({
        type: 'WithdrawConsent',
        grantorId: 'g-1',
        subjectId: 'p-1',
        purpose: 'diary_notifications',
        at: '2026-10-01T07:00:00.000Z',
      })
      .then([
        {
          type: 'ConsentWithdrawn',
          data: {
            consentId: 'c-1',
            grantorId: 'g-1',
            subjectId: 'p-1',
            purpose: 'diary_notifications',
            withdrawnAt: '2026-10-01T07:00:00.000Z',
          },
        },
      ]));
});

describe('notificationRecipients: no diary notification without consent', () => {
  const link = (
    guardianId: string,
    change: Partial<GuardianshipRecord> = {},
  ): GuardianshipRecord => ({
    guardianId,
    pupilId: 'p-1',
    validFrom: '2026-09-01',
    validUntil: null,
    restrictions: [],
    ...change,
  });
  const consent = (grantorId: string, change: Partial<ConsentRecord> = {}): ConsentRecord => ({
    grantorId,
    subjectId: 'p-1',
    purpose: 'diary_notifications',
    withdrawn: false,
    ...change,
  });

  it('notifies only linked guardians who consented', () => {
    const links = [link('mother'), link('father'), link('grandmother')];
    const consents = [
      consent('mother'),
      consent('grandmother', { withdrawn: true }),
      consent('father', { purpose: 'personal_data_processing' }),
    ];
    expect(notificationRecipients('p-1', links, consents, '2026-10-01')).toEqual(['mother']);
  });

  it('does not notify a consenting guardian whose link ended or is barred', () => {
    const links = [
      link('mother', { validUntil: '2026-10-01' }),
      link('father', { restrictions: ['no_record_access'] }),
    ];
    expect(
      notificationRecipients('p-1', links, [consent('mother'), consent('father')], '2026-10-01'),
    ).toEqual([]);
  });

  it('does not use a consent given for another pupil', () => {
    expect(
      notificationRecipients(
        'p-1',
        [link('mother')],
        [consent('mother', { subjectId: 'p-2' })],
        '2026-10-01',
      ),
    ).toEqual([]);
  });
});
