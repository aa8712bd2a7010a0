import { DomainRefusal } from '@ejournal/decider';
import type { IdentityFacts } from '../facts/identity-facts.port';
import { sheetsOfMarks } from './sheets-of-marks';

const TODAY = '2026-12-20';
const CLASSES: Record<string, { schoolId: string; classId: string }> = {
  'pupil-7a': { schoolId: 'school-a', classId: 'class-7a' },
  'pupil-7b': { schoolId: 'school-a', classId: 'class-7b' },
  'pupil-of-b': { schoolId: 'school-b', classId: 'class-b-7' },
};
/** The elective of school A: pupils of two of its classes, and (wrongly) one of school B. */
const facts: Pick<IdentityFacts, 'membersOn' | 'classOf'> = {
  membersOn: async (groupId, date) =>
    groupId === 'elective-a' && date === TODAY ? ['pupil-7a', 'pupil-7b', 'pupil-of-b'] : [],
  classOf: async (pupilId, date) => (date === TODAY ? (CLASSES[pupilId] ?? null) : null),
};
const elective = { schoolId: 'school-a', groupId: 'elective-a', classId: null };
const mark = (pupilId: string) => ({ pupilId, value: '5' });

const refusal = async (marks: string[]) => {
  const error = await sheetsOfMarks(facts, elective, marks.map(mark), TODAY)
    .then(() => null)
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainRefusal);
  return error as DomainRefusal;
};

describe('the class sheets a journal’s period marks go to', () => {
  it('sends a class journal’s marks to its class (its sheet checks the roster)', async () => {
    const place = { schoolId: 'school-a', groupId: 'class-7a', classId: 'class-7a' };
    const sheets = await sheetsOfMarks(facts, place, [mark('pupil-x')], TODAY);
    expect([...sheets]).toEqual([['class-7a', [mark('pupil-x')]]]);
  });

  it('sends a group journal’s marks to each pupil’s class today', async () => {
    const marks = [mark('pupil-7a'), mark('pupil-7b')];
    const sheets = await sheetsOfMarks(facts, elective, marks, TODAY);
    expect([...sheets]).toEqual([
      ['class-7a', [mark('pupil-7a')]],
      ['class-7b', [mark('pupil-7b')]],
    ]);
  });

  it('refuses a pupil outside the group, and one whose class is of another school', async () => {
    const refused = await refusal(['pupil-7a', 'pupil-not-in-group', 'pupil-of-b']);
    expect(refused.code).toBe('JOURNAL.COLUMN_REJECTED');
    expect(refused.entries).toEqual([
      {
        pupilId: 'pupil-not-in-group',
        code: 'JOURNAL.PUPIL_NOT_ENROLLED',
        detail: 'Not in the journal’s group today',
      },
      {
        pupilId: 'pupil-of-b',
        code: 'JOURNAL.PUPIL_NOT_ENROLLED',
        detail: 'In no class of the journal’s school today',
      },
    ]);
  });
});
