import type { RosterFacts, RosterPlan } from './roster-facts';
import { IssueLog } from './roster-issues';
import { planGuardians, planPlacements } from './roster-plan-links';
import { planPeople } from './roster-plan-people';
import type { RosterRow } from './roster-row';

/**
 * Turns valid rows into what must hold after the import: classes, people, enrolments,
 * guardianships and grants. Pure; every problem is collected, so one report lists them all.
 */
export function planRoster(rows: readonly RosterRow[], facts: RosterFacts) {
  const log = new IssueLog();
  const plan: RosterPlan = {
    classes: [],
    people: [],
    enrolments: [],
    guardianships: [],
    grants: [],
  };
  const unique = uniqueKeys(rows, facts, log);
  const classIds = planClasses(unique, facts, plan, log);
  const people = planPeople(unique, facts, plan, log);
  planPlacements(unique, facts, { classIds, people }, plan, log);
  planGuardians(unique, facts, people, plan, log);
  return { plan, errors: log.errors, warnings: log.warnings };
}

/** The first row of each key, when the key is not mapped to another kind of record. */
function uniqueKeys(rows: readonly RosterRow[], facts: RosterFacts, log: IssueLog): RosterRow[] {
  const first = new Map<string, RosterRow>();
  for (const row of rows) {
    const mapped = facts.keys.get(row.key);
    if (first.has(row.key))
      log.error(row, 'IDENTITY.IMPORT_DUPLICATE_KEY', 'Another row has this key', 'key');
    else if (mapped && mapped.kind !== row.kind) {
      log.error(
        row,
        'IDENTITY.IMPORT_KEY_KIND_CHANGED',
        `This key belongs to a ${mapped.kind}`,
        'key',
      );
    } else first.set(row.key, row);
  }
  return [...first.values()];
}

/** Class ids by label: mapped keys keep their class, a new key adopts an existing label. */
function planClasses(rows: RosterRow[], facts: RosterFacts, plan: RosterPlan, log: IssueLog) {
  const classIds = new Map(facts.classes);
  for (const row of rows) {
    if (row.kind !== 'class') continue;
    const label = `${row.grade}${row.letter}`;
    const mapped = facts.keys.get(row.key)?.id;
    const existing = classIds.get(label);
    if (mapped && existing && mapped !== existing) {
      log.error(
        row,
        'IDENTITY.IMPORT_CLASS_MISMATCH',
        `Class ${label} exists under another key`,
        'class',
      );
      continue;
    }
    if (!mapped && existing && plan.classes.some((planned) => planned.classId === existing)) {
      log.error(
        row,
        'IDENTITY.IMPORT_DUPLICATE_CLASS',
        `Another row opens class ${label}`,
        'class',
      );
      continue;
    }
    const classId = mapped ?? existing ?? facts.newId();
    classIds.set(label, classId);
    plan.classes.push({
      line: row.line,
      key: row.key,
      classId,
      grade: row.grade,
      letter: row.letter,
      newKey: !mapped,
    });
  }
  return classIds;
}
