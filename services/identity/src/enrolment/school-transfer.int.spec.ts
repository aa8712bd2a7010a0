import { createTestDatabase } from '@ejournal/testing';
import {
  currentYear,
  importAndActivate,
  operatorToken,
  passwordOf,
  seedSchool,
  signIn,
  type ImportedPerson,
} from '../testing/identity-client';
import { identityTestApp, type TestApp } from '../testing/identity-test-app';
import { ROSTER_ROWS, rosterFile } from '../testing/roster-fixture';

const year = currentYear();
const day = (offset: number) =>
  new Date(Date.parse(`${year.startsOn}T00:00:00Z`) + offset * 86_400_000)
    .toISOString()
    .slice(0, 10);

/** School 18: a class and its head, imported and activated as a school would. */
async function seedReceivingSchool(test: TestApp, operator: string) {
  const rows = ['класс;C-7V;;;;;7В;;;;;;', 'сотрудник;H-18;Новикова;Елена;;;;директор;;;;;'];
  await importAndActivate(test, operator, rosterFile(rows), 'school-18');
  const classes = await test.call('GET', '/schools/school-18/classes', { token: operator });
  return classes.body.classes[0].classId as string;
}

describe('a pupil moving between schools: released by one, admitted by the other', () => {
  let test: TestApp;
  let operator: string;
  let people: Map<string, ImportedPerson>;
  let headOf17: string;
  let headOf18: string;
  let sevenV: string;
  let sevenA: string;
  const pupil = () => people.get('P-1')?.personId ?? '';
  const surnames = async (classId: string, on: string) =>
    (
      await test.call('GET', `/classes/${classId}/roster?on=${on}`, { token: operator })
    ).body.pupils.map((p: { surname: string }) => p.surname);

  beforeAll(async () => {
    test = await identityTestApp(await createTestDatabase('identity transfer'));
    operator = await operatorToken(test);
    await seedSchool(test, operator);
    await seedSchool(test, operator, 'school-18');
    people = await importAndActivate(
      test,
      operator,
      rosterFile([...ROSTER_ROWS, 'сотрудник;H-17;Орлова;Нина;;;;директор;;;;;']),
    );
    sevenV = await seedReceivingSchool(test, operator);
    headOf17 = await signIn(test, 'h-17', passwordOf('H-17'));
    headOf18 = await signIn(test, 'h-18', passwordOf('H-18'));
    const classes = await test.call('GET', '/schools/school-17/classes', { token: operator });
    sevenA = classes.body.classes.find((c: { label: string }) => c.label === '7А').classId;
  }, 90_000);
  afterAll(() => test?.close());

  it('answers the head of one school who names another school’s pupil as for an unknown pupil', async () => {
    const unknownPupil = '0190a6b8-0000-7000-8000-000000000000';
    const answers = async (pupilId: string) => {
      const answered: unknown[] = [];
      for (const act of ['transfer', 'enrol']) {
        const taken = await test.call('POST', `/pupils/${pupilId}/${act}`, {
          token: headOf18,
          body: { classId: sevenV, onDate: day(30), orderRef: '№ 1' },
        });
        answered.push([taken.status, taken.body.code]);
      }
      const released = await test.call('POST', `/pupils/${pupilId}/release`, {
        token: headOf18,
        body: { onDate: day(30), toSchoolId: 'school-18', orderRef: '№ 1' },
      });
      const read = await test.call('GET', `/people/${pupilId}`, { token: headOf18 });
      return [...answered, [released.status, released.body.code], [read.status, read.body.code]];
    };
    const foreign = await answers(pupil());
    expect(foreign).toEqual(Array(4).fill([404, 'IDENTITY.UNKNOWN_PERSON']));
    expect(await answers(unknownPupil)).toEqual(foreign);
    const read = await test.call('GET', `/people/${pupil()}`, { token: headOf18 });
    expect(JSON.stringify(read.body)).not.toContain('Ершов');
    expect(await surnames(sevenA, day(30))).toContain('Ершов');
  });

  it('lets school 17 release the pupil to 18 by order, and 18 admit the pupil by its own', async () => {
    const released = await test.call('POST', `/pupils/${pupil()}/release`, {
      token: headOf17,
      body: { onDate: day(30), toSchoolId: 'school-18', orderRef: '№ 12-у' },
    });
    expect(released).toMatchObject({
      status: 201,
      body: { schoolId: 'school-17', toSchoolId: 'school-18', changed: true },
    });
    const incoming = await test.call('GET', '/schools/school-18/incoming-pupils', {
      token: headOf18,
    });
    expect(incoming.body.pupils).toEqual([
      { pupilId: pupil(), fromSchoolId: 'school-17', onDate: day(30), orderRef: '№ 12-у' },
    ]);
    // Until admitted the pupil is of no school of 18's head: the person reads as unknown.
    expect(await test.call('GET', `/people/${pupil()}`, { token: headOf18 })).toMatchObject({
      status: 404,
      body: { code: 'IDENTITY.UNKNOWN_PERSON' },
    });
    const intoOwnClass = await test.call('POST', `/pupils/${pupil()}/enrol`, {
      token: headOf17,
      body: { classId: sevenA, onDate: day(30), orderRef: '№ 13' },
    });
    // The placement is the receiving school's now: school 17 holds nothing there.
    expect(intoOwnClass).toMatchObject({ status: 404, body: { code: 'IDENTITY.UNKNOWN_PERSON' } });
    const withoutOrder = await test.call('POST', `/pupils/${pupil()}/enrol`, {
      token: headOf18,
      body: { classId: sevenV, onDate: day(30) },
    });
    expect(withoutOrder).toMatchObject({ status: 422, body: { code: 'IDENTITY.ORDER_REQUIRED' } });
    const admitted = await test.call('POST', `/pupils/${pupil()}/enrol`, {
      token: headOf18,
      body: { classId: sevenV, onDate: day(30), orderRef: '№ 31-з' },
    });
    expect(admitted).toMatchObject({ status: 201, body: { schoolId: 'school-18', changed: true } });

    const seen = await test.call('GET', `/people/${pupil()}`, { token: headOf18 });
    expect(seen).toMatchObject({ status: 200, body: { surname: 'Ершов' } });
    expect(await surnames(sevenA, day(29))).toContain('Ершов');
    expect(await surnames(sevenA, day(30))).not.toContain('Ершов');
    expect(await surnames(sevenV, day(30))).toEqual(['Ершов']);
    const history = await test.call('GET', `/pupils/${pupil()}/enrolment-history`, {
      token: headOf18,
    });
    expect(history.body.acts.map((act: { type: string }) => act.type)).toEqual([
      'PupilEnrolled',
      'PupilReleased',
      'PupilAdmitted',
    ]);
    const [, release, admission] = history.body.acts;
    expect(release).toMatchObject({
      schoolId: 'school-17',
      toSchoolId: 'school-18',
      onDate: day(30),
      orderRef: '№ 12-у',
      actor: { role: 'head', userId: people.get('H-17')?.personId },
    });
    expect(admission).toMatchObject({
      schoolId: 'school-18',
      fromSchoolId: 'school-17',
      orderRef: '№ 31-з',
      actor: { role: 'head' },
    });
    expect(
      (await test.call('GET', '/schools/school-18/incoming-pupils', { token: headOf18 })).body
        .pupils,
    ).toEqual([]);
  });

  it('lets a role over both schools move a pupil in one step, with an order', async () => {
    const back = await test.call('POST', `/pupils/${pupil()}/transfer`, {
      token: operator,
      body: { classId: sevenA, onDate: day(45), orderRef: 'МО-9' },
    });
    expect(back).toMatchObject({ status: 201, body: { schoolId: 'school-17', changed: true } });
    const history = await test.call('GET', `/pupils/${pupil()}/enrolment-history`, {
      token: headOf17,
    });
    expect(history.body.acts.slice(-2)).toEqual([
      expect.objectContaining({ type: 'PupilReleased', schoolId: 'school-18', orderRef: 'МО-9' }),
      expect.objectContaining({ type: 'PupilAdmitted', schoolId: 'school-17', orderRef: 'МО-9' }),
    ]);
    expect(await surnames(sevenV, day(45))).toEqual([]);
  });
});
