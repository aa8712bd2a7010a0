import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The aSc Timetables XML export (`<timetable>`, as aSc documents it for its import/export
 * interface): `<periods>` (bells), `<daysdefs>` or `<days>` (which weekdays a `days` mask
 * names), `<subjects>`, `<teachers>`, `<classrooms>`, `<classes>`, `<groups>` (divisions of a
 * class; `entireclass="1"` is the whole class), `<lessons>` (class(es), group(s), subject,
 * teacher(s), room(s)) and `<cards>` (a lesson placed on a day mask and a period). Every
 * element carries its values as attributes; `partner_id` holds another system's id.
 */
export interface AscEntity {
  id: string;
  name: string;
  short: string;
  partnerId: string;
}

export interface AscGroup extends AscEntity {
  classId: string;
  entireClass: boolean;
  divisionTag: string;
}

export interface AscLesson {
  id: string;
  subjectId: string;
  classIds: string[];
  groupIds: string[];
  teacherIds: string[];
  classroomIds: string[];
  /** A card of a double lesson fills this many periods from its own. */
  periodsPerCard: number;
  partnerId: string;
}

export interface AscCard {
  line: number;
  lessonId: string;
  period: number;
  /** ISO weekdays the card's `days` mask names. */
  days: number[];
  classroomIds: string[];
}

export interface AscPeriod {
  period: number;
  startsAt: string | null;
  endsAt: string | null;
}

export interface AscTimetable {
  periods: AscPeriod[];
  subjects: Map<string, AscEntity>;
  teachers: Map<string, AscEntity>;
  classrooms: Map<string, AscEntity>;
  classes: Map<string, AscEntity>;
  groups: Map<string, AscGroup>;
  lessons: Map<string, AscLesson>;
  cards: AscCard[];
}

export class AscFormatError extends Error {}

type Attributes = Record<string, string | undefined>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  // Elements always as lists, attributes as their strings.
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  processEntities: true,
});

const ids = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);

/** `1:00` → `01:00`; anything else that is not a time → null. */
function time(value: string | undefined): string | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec((value ?? '').trim());
  return match ? `${(match[1] ?? '').padStart(2, '0')}:${match[2]}` : null;
}

/** `01000` (Tuesday) or `10000,00100` → ISO weekdays; a mask is one character per day. */
export function daysOfMask(mask: string | undefined): number[] {
  const days = new Set<number>();
  for (const part of ids(mask)) {
    [...part].forEach((bit, index) => {
      if (bit === '1') days.add(index + 1);
    });
  }
  return [...days].sort((a, b) => a - b);
}

const entity = (a: Attributes): AscEntity => ({
  id: a['id'] ?? '',
  name: a['name'] ?? '',
  short: a['short'] ?? '',
  partnerId: a['partner_id'] ?? '',
});

export function parseAscTimetable(xml: string): AscTimetable {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new AscFormatError(`Not well-formed XML (line ${valid.err.line}): ${valid.err.msg}`);
  }
  const document = parser.parse(xml) as Record<string, unknown[]>;
  const root = document['timetable']?.[0] as Record<string, unknown[]> | undefined;
  if (!root) throw new AscFormatError('The file has no <timetable> element');
  const list = (section: string, element: string): Attributes[] => {
    const holder = root[section]?.[0] as Record<string, unknown[]> | undefined;
    return ((holder?.[element] ?? []) as Attributes[]).filter((a) => typeof a === 'object');
  };
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const daysDefs = new Map<string, number[]>();
  for (const a of [...list('daysdefs', 'daysdef'), ...list('days', 'day')]) {
    const days = daysOfMask(a['days']);
    if (a['id']) daysDefs.set(a['id'], days);
    if (a['day'] !== undefined && days.length === 0) daysDefs.set(a['day'], [Number(a['day']) + 1]);
  }
  const cards = list('cards', 'card').map((a, index) => ({
    line: index + 1,
    lessonId: a['lessonid'] ?? '',
    period: Number(a['period']),
    days: a['days'] !== undefined ? daysOfMask(a['days']) : (daysDefs.get(a['day'] ?? '') ?? []),
    classroomIds: ids(a['classroomids']),
  }));
  if (!root['cards']) throw new AscFormatError('The file has no <cards>: nothing is placed');
  return {
    periods: list('periods', 'period').map((a) => ({
      period: Number(a['period']),
      startsAt: time(a['starttime']),
      endsAt: time(a['endtime']),
    })),
    subjects: byId(list('subjects', 'subject').map(entity)),
    teachers: byId(list('teachers', 'teacher').map(entity)),
    classrooms: byId(list('classrooms', 'classroom').map(entity)),
    classes: byId(list('classes', 'class').map(entity)),
    groups: byId(
      list('groups', 'group').map((a) => ({
        ...entity(a),
        classId: a['classid'] ?? '',
        entireClass: a['entireclass'] === '1' || a['entireclass'] === 'true',
        divisionTag: a['divisiontag'] ?? '',
      })),
    ),
    lessons: byId(
      list('lessons', 'lesson').map((a) => ({
        id: a['id'] ?? '',
        subjectId: a['subjectid'] ?? '',
        classIds: ids(a['classids']),
        groupIds: ids(a['groupids']),
        teacherIds: ids(a['teacherids']),
        classroomIds: ids(a['classroomids']),
        periodsPerCard: Math.max(1, Math.min(4, Number(a['periodspercard'] ?? 1) || 1)),
        partnerId: a['partner_id'] ?? '',
      })),
    ),
    cards,
  };
}
