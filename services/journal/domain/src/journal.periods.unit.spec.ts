import { specify } from './testing/journal-spec';
import type { JournalCommand } from './journal.commands';
import { journalDecider } from './journal.decider';
import {
  ADMIN,
  DEPUTY,
  HEAD,
  KINDS,
  TEACHER,
  closed,
  factsOf,
  opened,
  policy,
  recorded,
  withLesson,
} from './testing/journal.fixtures';

const { given } = specify(journalDecider, KINDS);

const reopen = (userId: string, orderRef: string | null = 'order-7'): JournalCommand => ({
  type: 'ReopenPeriod',
  facts: factsOf(userId),
  period: 1,
  reason: 'a mark set wrongly',
  orderRef,
});

describe('a journal with every period open', () => {
  it('has the school admin close the first quarter', () =>
    given(opened)
      .when({ type: 'ClosePeriod', facts: factsOf(ADMIN), period: 1 })
      .then([{ type: 'PeriodClosed', data: { period: 1 } }]));

  it('refuses JOURNAL.FORBIDDEN to a teacher closing a period', () =>
    given(opened)
      .when({ type: 'ClosePeriod', facts: factsOf(TEACHER), period: 1 })
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.UNKNOWN_PERIOD to a fifth quarter', () =>
    given(opened)
      .when({ type: 'ClosePeriod', facts: factsOf(ADMIN), period: 5 })
      .thenRefuses('JOURNAL.UNKNOWN_PERIOD'));

  it('refuses JOURNAL.NO_CALENDAR to closing a period without a calendar', () =>
    given(opened)
      .when({ type: 'ClosePeriod', facts: factsOf(ADMIN, { calendar: null }), period: 1 })
      .thenRefuses('JOURNAL.NO_CALENDAR'));

  it('refuses JOURNAL.PERIOD_NOT_CLOSED to reopening an open period', () =>
    given(opened).when(reopen(HEAD)).thenRefuses('JOURNAL.PERIOD_NOT_CLOSED'));

  it('refuses JOURNAL.PERIODS_OPEN to sealing', () =>
    given(withLesson)
      .when({ type: 'SealJournal', facts: factsOf(HEAD) })
      .thenRefuses('JOURNAL.PERIODS_OPEN'));
});

describe('a journal with the first quarter closed', () => {
  const history = [...withLesson, closed(1)];

  it('refuses JOURNAL.PERIOD_ALREADY_CLOSED to closing it again', () =>
    given(history)
      .when({ type: 'ClosePeriod', facts: factsOf(HEAD), period: 1 })
      .thenRefuses('JOURNAL.PERIOD_ALREADY_CLOSED'));

  it('has a deputy head reopen it under an order', () =>
    given(history)
      .when(reopen(DEPUTY))
      .then([
        {
          type: 'PeriodReopened',
          data: {
            period: 1,
            reason: 'a mark set wrongly',
            authorisedBy: DEPUTY,
            orderRef: 'order-7',
          },
        },
      ]));

  it('refuses JOURNAL.FORBIDDEN to the school admin reopening it', () =>
    given(history).when(reopen(ADMIN)).thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.ORDER_REQUIRED to reopening without an order', () =>
    given(history).when(reopen(HEAD, null)).thenRefuses('JOURNAL.ORDER_REQUIRED'));

  it('reopens without an order where the policy requires none', () =>
    given(history)
      .when({
        ...reopen(HEAD, null),
        facts: factsOf(HEAD, { policy: { ...policy, orderRequired: false } }),
      })
      .then([
        {
          type: 'PeriodReopened',
          data: { period: 1, reason: 'a mark set wrongly', authorisedBy: HEAD, orderRef: null },
        },
      ]));

  it('refuses JOURNAL.NO_POLICY to reopening without a policy', () =>
    given(history)
      .when({ ...reopen(HEAD), facts: factsOf(HEAD, { policy: null }) })
      .thenRefuses('JOURNAL.NO_POLICY'));

  it('closes the second quarter too', () =>
    given(history)
      .when({ type: 'ClosePeriod', facts: factsOf(DEPUTY), period: 2 })
      .then([{ type: 'PeriodClosed', data: { period: 2 } }]));

  it('refuses JOURNAL.PERIODS_OPEN to sealing while three quarters are open', () =>
    given(history)
      .when({ type: 'SealJournal', facts: factsOf(ADMIN) })
      .thenRefuses('JOURNAL.PERIODS_OPEN'));
});

describe('a journal with every period closed', () => {
  const history = [...withLesson, closed(3), closed(1), closed(4), closed(2)];

  it('is sealed by the school admin', () =>
    given(history)
      .when({ type: 'SealJournal', facts: factsOf(ADMIN) })
      .then([{ type: 'JournalSealed', data: { academicYear: '2026/2027' } }]));

  it('refuses JOURNAL.FORBIDDEN to a teacher sealing it', () =>
    given(history)
      .when({ type: 'SealJournal', facts: factsOf(TEACHER) })
      .thenRefuses('JOURNAL.FORBIDDEN'));

  it('refuses JOURNAL.NO_CALENDAR to sealing without a calendar', () =>
    given(history)
      .when({ type: 'SealJournal', facts: factsOf(ADMIN, { calendar: null }) })
      .thenRefuses('JOURNAL.NO_CALENDAR'));
});

describe('a sealed journal', () => {
  const history = [
    ...withLesson,
    ...[1, 2, 3, 4].map(closed),
    recorded(ADMIN, { type: 'JournalSealed', data: { academicYear: '2026/2027' } }),
  ];

  it.each<JournalCommand['type']>([
    'OpenJournal',
    'AssignTeacher',
    'UnassignTeacher',
    'AssignSubstitute',
    'RecordLesson',
    'RecordEntries',
    'CorrectMark',
    'RevokeMark',
    'CorrectAttendance',
    'EditLesson',
    'VoidLesson',
    'ClosePeriod',
    'ReopenPeriod',
    'SealJournal',
  ])('refuses JOURNAL.SEALED to %s, even from the head', (type) =>
    given(history)
      .when({ type, facts: factsOf(HEAD) } as JournalCommand)
      .thenRefuses('JOURNAL.SEALED'),
  );
});
