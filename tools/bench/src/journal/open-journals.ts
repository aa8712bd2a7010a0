import type { httpClient } from '@ejournal/testing';
import { runConcurrently } from '../measure';
import type { HistoryJournal } from './history';
import { freeSlots, SCHOOL_ID, type BenchSchool } from './school';
import type { TokenIssuer } from './tokens';

type Call = ReturnType<typeof httpClient>;
const DEPUTY_HEAD = 'deputy-head-bench';

/**
 * One lesson journal per class, opened by the deputy head through the API and its teacher
 * assigned from the first school day (as at the start of the year). Opening is retried while
 * the journal answers 412/422: identity's facts are still on their way through Kafka.
 */
export async function openJournals(
  call: Call,
  tokens: TokenIssuer,
  school: BenchSchool,
  withinMs = 60_000,
): Promise<HistoryJournal[]> {
  const journals: HistoryJournal[] = [];
  await runConcurrently(5, school.classes.length, async (index) => {
    const { classId, teacherId, pupils } = school.classes[index] as BenchSchool['classes'][number];
    const body = {
      schoolId: SCHOOL_ID,
      academicYear: school.academicYear,
      groupId: classId,
      kind: 'lesson',
      subjectId: 'subject-math',
      scale: 'five_point',
      teacherIds: [],
    };
    const deadline = Date.now() + withinMs;
    for (;;) {
      const token = await tokens.token(DEPUTY_HEAD, 'deputy_head');
      const opened = await call('POST', '/journals', { token, json: body });
      if (opened.status === 201) {
        const journalId = opened.body.journalId as string;
        const assign = { teacherId, fromDate: school.startsOn };
        const assigned = await call('POST', `/journals/${journalId}/teachers`, {
          token,
          json: assign,
        });
        if (assigned.status !== 201) throw new Error(`assign: ${JSON.stringify(assigned.body)}`);
        const version = assigned.body.version as number;
        const slots = freeSlots(school);
        journals[index] = {
          ...{ journalId, teacherId, pupils, version, historyEvents: 0 },
          ...{ recordedAt: '', recent: [], slots },
        };
        return;
      }
      if (![412, 422].includes(opened.status) || Date.now() > deadline)
        throw new Error(`open journal: ${opened.status} ${JSON.stringify(opened.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  return journals;
}
