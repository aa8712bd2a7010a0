import type { RecordedIdentityEvent } from '@ejournal/contracts';
import { ReadModelGapError } from '@ejournal/messaging';
import { createTestDatabase, requireInfra, type TestDatabase } from '@ejournal/testing';
import { openJournalDatabase, type JournalDatabase } from '../infrastructure/journal-database';
import { projectIdentityEvent, type ProjectionOutcome } from './project-identity-event';
import { IdentityFactsInconsistentError } from '@ejournal/identity-facts';
import {
  classOpened,
  identityEvent,
  pupilEnrolled,
  recorded,
  schoolRegistered,
} from './testing/identity-events';
import { dropDatabaseAndRoles } from './testing/identity-source';

describe('projecting one identity event (real PostgreSQL, as the application role)', () => {
  let database: TestDatabase;
  let journal: JournalDatabase;
  let apply: (event: RecordedIdentityEvent) => Promise<ProjectionOutcome>;

  const appliedVersion = async (streamId: string) => {
    const { rows } = await journal.pool.query<{ version: number }>(
      'SELECT version FROM journal_facts.applied_versions WHERE stream_id = $1',
      [streamId],
    );
    return rows[0]?.version ?? null;
  };
  const count = async (table: string) => {
    const { rows } = await journal.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM journal_facts.${table}`,
    );
    return rows[0]?.n;
  };

  beforeAll(async () => {
    await requireInfra(['DATABASE_URL']);
    database = await createTestDatabase('journal facts projection');
    journal = await openJournalDatabase(database.url);
    apply = (event) => projectIdentityEvent(journal.pool, event);
  }, 60_000);

  afterAll(async () => {
    await journal?.close();
    if (database) await dropDatabaseAndRoles(database);
  });

  it('applies a stream in order and ignores what it already applied', async () => {
    const registered = recorded('school-a', 1, schoolRegistered('school-a', 'Europe/Simferopol'));
    const opened = recorded('school-a', 2, classOpened('school-a', 'class-a-5a', 5));
    const redelivered = recorded('school-a', 1, schoolRegistered('school-a', 'Europe/Moscow'));

    expect(await apply(registered)).toBe('applied');
    expect(await apply(redelivered)).toBe('duplicate');
    expect(await apply(opened)).toBe('applied');
    expect(await apply(registered)).toBe('duplicate');

    const { rows } = await journal.pool.query(
      "SELECT time_zone FROM journal_facts.schools WHERE school_id = 'school-a'",
    );
    expect(rows).toEqual([{ time_zone: 'Europe/Simferopol' }]);
    expect(await appliedVersion('school-a')).toBe(2);
  });

  it('refuses a gap with ReadModelGapError and applies nothing', async () => {
    const second = recorded(
      'enrolment-pupil-gap',
      2,
      pupilEnrolled('school-a', 'class-a-5b', 'pupil-gap', '2026-10-01'),
    );
    const placementsBefore = await count('placements');

    const refusal = apply(second);
    await expect(refusal).rejects.toBeInstanceOf(ReadModelGapError);
    await expect(refusal).rejects.toMatchObject({ code: 'MESSAGING.READ_MODEL_GAP' });
    expect(await appliedVersion('enrolment-pupil-gap')).toBeNull();
    expect(await count('placements')).toBe(placementsBefore);
  });

  it("skips facts the journal does not keep but advances the stream's version", async () => {
    const events = [
      schoolRegistered('school-b'),
      identityEvent(
        'ConsentGiven',
        {
          consentId: 'consent-1',
          grantorId: 'person-3',
          subjectId: 'person-4',
          purpose: 'diary_notifications',
          givenAt: '2026-09-02T08:00:00.000Z',
        },
        'school-b',
      ),
      classOpened('school-b', 'class-b-9a', 9),
    ].map((event, index) => recorded('school-b', index + 1, event));

    const outcomes: ProjectionOutcome[] = [];
    for (const event of events) outcomes.push(await apply(event));

    expect(outcomes).toEqual(['applied', 'skipped', 'applied']);
    expect(await appliedVersion('school-b')).toBe(3);
    const { rows } = await journal.pool.query(
      "SELECT kind FROM journal_facts.groups WHERE group_id = 'class-b-9a'",
    );
    expect(rows).toEqual([{ kind: 'class' }]);
  });

  it('rolls the version back with the facts when an event contradicts them', async () => {
    const withdrawn = recorded(
      'enrolment-pupil-odd',
      1,
      identityEvent(
        'PupilWithdrawn',
        {
          pupilId: 'pupil-odd',
          schoolId: 'school-a',
          classId: 'class-a-5a',
          onDate: '2026-10-01',
          reason: 'other',
        },
        'school-a',
      ),
    );

    const refusal = apply(withdrawn);
    await expect(refusal).rejects.toBeInstanceOf(IdentityFactsInconsistentError);
    await expect(refusal).rejects.toMatchObject({ code: 'JOURNAL.IDENTITY_FACTS_INCONSISTENT' });
    expect(await appliedVersion('enrolment-pupil-odd')).toBeNull();
  });

  it('lets two deliveries of one event race: one applies it, the other finds it applied', async () => {
    const enrolled = recorded(
      'enrolment-pupil-race',
      1,
      pupilEnrolled('school-a', 'class-a-5a', 'pupil-race', '2026-09-01'),
    );

    const outcomes = await Promise.all([apply(enrolled), apply(enrolled), apply(enrolled)]);

    expect(outcomes.sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    const { rows } = await journal.pool.query(
      "SELECT class_id FROM journal_facts.placements WHERE pupil_id = 'pupil-race'",
    );
    expect(rows).toEqual([{ class_id: 'class-a-5a' }]);
  });

  it('lets the application role change and delete the facts: a cache, not a record', async () => {
    const { rows } = await journal.pool.query<{ table_name: string; writable: boolean }>(
      `SELECT table_name, bool_and(has_table_privilege(current_user,
                format('journal_facts.%I', table_name), privilege)) AS writable
       FROM information_schema.tables,
            unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS privilege
       WHERE table_schema = 'journal_facts' GROUP BY table_name ORDER BY table_name`,
    );
    expect(rows).toEqual(
      [
        'applied_versions',
        'calendars',
        'facts_revision',
        'group_memberships',
        'groups',
        'placements',
        'policies',
        'schools',
        'staff_grants',
      ].map((table_name) => ({ table_name, writable: true })),
    );
  });
});
