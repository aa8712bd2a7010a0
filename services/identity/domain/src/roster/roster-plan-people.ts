import { nameKey, type PlannedPerson, type RosterFacts, type RosterPlan } from './roster-facts';
import type { IssueLog } from './roster-issues';
import type { RosterRow } from './roster-row';

type PersonRow = Exclude<RosterRow, { kind: 'class' }>;

const sameName = (a: string | null, b: string | null) =>
  (a ?? '').toLowerCase().replace(/ё/g, 'е') === (b ?? '').toLowerCase().replace(/ё/g, 'е');

/**
 * Each person row's region-wide id: the one its key is mapped to, the one the row names (a
 * person already known elsewhere, checked against the stored names), or a new one.
 */
export function planPeople(rows: RosterRow[], facts: RosterFacts, plan: RosterPlan, log: IssueLog) {
  const byKey = new Map<string, PlannedPerson>();
  const lineOfName = new Map<string, number>();
  for (const row of rows) {
    if (row.kind === 'class') continue;
    const personId = personIdOf(row, facts, log);
    if (!personId) continue;
    const key = nameKey(row.person);
    if (row.person.birthDate && lineOfName.has(key)) {
      log.error(
        row,
        'IDENTITY.IMPORT_DUPLICATE_PERSON',
        `The same person as line ${lineOfName.get(key)}`,
      );
      continue;
    }
    if (row.person.birthDate) lineOfName.set(key, row.line);
    const newKey = !facts.keys.has(row.key);
    const namesakes = (facts.namesakes.get(key) ?? []).filter((id) => id !== personId);
    if (newKey && !row.personId && namesakes.length > 0) {
      log.warn(
        row,
        'IDENTITY.IMPORT_POSSIBLE_DUPLICATE',
        `Same names and birth date as ${namesakes.join(', ')}: to keep one identity, give that id`,
      );
    }
    const planned: PlannedPerson = {
      line: row.line,
      key: row.key,
      kind: row.kind,
      personId,
      newKey,
      person: row.person,
    };
    byKey.set(row.key, planned);
    plan.people.push(planned);
  }
  return byKey;
}

function personIdOf(row: PersonRow, facts: RosterFacts, log: IssueLog): string | null {
  const mapped = facts.keys.get(row.key)?.id;
  if (!row.personId) return mapped ?? facts.newId();
  if (mapped && mapped !== row.personId) {
    log.error(
      row,
      'IDENTITY.IMPORT_KEY_REMAPPED',
      'This key already names another person',
      'personId',
    );
    return null;
  }
  const known = facts.knownPeople.get(row.personId);
  const matches =
    known &&
    sameName(known.surname, row.person.surname) &&
    sameName(known.givenName, row.person.givenName) &&
    known.birthDate === row.person.birthDate;
  if (!matches) {
    log.error(
      row,
      'IDENTITY.IMPORT_PERSON_MISMATCH',
      'No person with this id, names and birth date',
      'personId',
    );
    return null;
  }
  return row.personId;
}
