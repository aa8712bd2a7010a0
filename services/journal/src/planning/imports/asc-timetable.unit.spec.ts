import { ASC_XML } from '../testing/asc-sample';
import { AscFormatError, daysOfMask, parseAscTimetable } from './asc-timetable';
import { timetableFromAsc, versionsOf } from './timetable-rows';

const noJournal = () => null;

describe('the aSc Timetables XML export', () => {
  it('reads day masks, one character per weekday', () => {
    expect(daysOfMask('01000')).toEqual([2]);
    expect(daysOfMask('10000,00100')).toEqual([1, 3]);
    expect(daysOfMask('')).toEqual([]);
  });

  it('maps cards to lessons by partner ids and a mapping, bells from its periods', () => {
    const asc = parseAscTimetable(ASC_XML);
    const imported = timetableFromAsc(asc, { teachers: { ПБ: 't-petrov' } }, noJournal);
    expect(imported.issues).toEqual([
      expect.objectContaining({ code: 'PLANNING.UNMAPPED_JOURNAL' }),
      expect.objectContaining({ code: 'PLANNING.UNMAPPED_JOURNAL' }),
      expect.objectContaining({ code: 'PLANNING.UNMAPPED_JOURNAL' }),
    ]);
    const found = timetableFromAsc(
      asc,
      { teachers: { ПБ: 't-petrov' } },
      (groupId, subjectId) => `${subjectId}-${groupId.slice(-2)}`,
    );
    expect(found.issues).toEqual([]);
    expect(found.bells[0]).toEqual({ slot: 1, startsAt: '08:30', endsAt: '09:15' });
    expect(versionsOf(found.lessons, '2026-09-01', 1)).toEqual([
      {
        groupId: 'class-7a',
        versionId: 'class-7a-2026-09-01',
        effectiveFrom: '2026-09-01',
        shift: 1,
        lessons: [
          {
            day: 1,
            slot: 1,
            journalId: 'math-7a',
            teacherId: 't-ivanova',
            roomId: 'room-21',
            subgroup: null,
          },
          {
            day: 2,
            slot: 3,
            journalId: 'english-7a',
            teacherId: 't-petrov',
            roomId: null,
            subgroup: null,
          },
          {
            day: 3,
            slot: 2,
            journalId: 'math-7a',
            teacherId: 't-ivanova',
            roomId: 'room-21',
            subgroup: null,
          },
        ],
      },
    ]);
  });

  it('splits a divided class into subgroups and fills a double lesson’s periods', () => {
    const xml = `<timetable>
      <days><day name="Понедельник" short="Пн" day="0"/></days>
      <subjects><subject id="s" name="Информатика" short="Инф" partner_id="it"/></subjects>
      <teachers><teacher id="a" short="A" partner_id="t-a"/><teacher id="b" short="B" partner_id="t-b"/></teachers>
      <classes><class id="c" short="7А" partner_id="class-7a"/></classes>
      <groups>
        <group id="g1" classid="c" name="1 группа" entireclass="0" divisiontag="1"/>
        <group id="g2" classid="c" name="2 группа" entireclass="0" divisiontag="1"/>
      </groups>
      <lessons><lesson id="l" subjectid="s" classids="c" groupids="g1,g2" teacherids="a,b" periodspercard="2" partner_id="it-7a"/></lessons>
      <cards><card lessonid="l" period="4" day="0"/></cards>
    </timetable>`;
    const imported = timetableFromAsc(parseAscTimetable(xml), {}, noJournal);
    expect(imported.issues).toEqual([]);
    expect(imported.lessons.map((l) => [l.day, l.slot, l.teacherId, l.subgroup])).toEqual([
      [1, 4, 't-a', 1],
      [1, 5, 't-a', 1],
      [1, 4, 't-b', 2],
      [1, 5, 't-b', 2],
    ]);
  });

  it('refuses what is not its XML', () => {
    expect(() => parseAscTimetable('<timetable><cards>')).toThrow(AscFormatError);
    expect(() => parseAscTimetable('<schedule/>')).toThrow('no <timetable>');
  });
});
