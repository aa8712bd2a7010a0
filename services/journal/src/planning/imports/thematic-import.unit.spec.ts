import { Workbook } from 'exceljs';
import { readThematicPlan, thematicRows } from './thematic-import';
import { timetableFromCsv } from './timetable-rows';

describe('a КТП imported from CSV', () => {
  const current = [
    { number: 1, section: 'Дроби', topic: 'Обыкновенные дроби', hours: 1, plannedDate: null },
    { number: 2, section: 'Дроби', topic: 'Старая тема', hours: 1, plannedDate: null },
    { number: 3, section: 'Дроби', topic: 'Лишняя', hours: 1, plannedDate: null },
  ];

  it('reads Russian headers and dates, and says what each row does', async () => {
    const csv =
      '\uFEFF№;Раздел;Тема;Часы;Дата\n1;Дроби;Обыкновенные дроби;1;\n2;Дроби;Сложение дробей;2;09.09.2026\n';
    const read = readThematicPlan(await thematicRows('csv', csv), current);
    expect(read.issues).toEqual([]);
    expect(read.items[1]).toEqual({
      number: 2,
      section: 'Дроби',
      topic: 'Сложение дробей',
      hours: 2,
      plannedDate: '2026-09-09',
    });
    expect(read.rows).toEqual([
      { line: 2, number: 1, action: 'same' },
      { line: 3, number: 2, action: 'change' },
      { line: 0, number: 3, action: 'remove' },
    ]);
  });

  it('reads the same table from an XLSX workbook (dates as Excel dates)', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('КТП');
    sheet.addRow(['№', 'Раздел', 'Тема', 'Часы', 'Дата']);
    sheet.addRow([1, 'Дроби', 'Обыкновенные дроби', 1, new Date(Date.UTC(2026, 8, 2))]);
    sheet.addRow([2, 'Дроби', 'Сложение дробей', 2, null]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const read = readThematicPlan(await thematicRows('xlsx', content), []);
    expect(read.issues).toEqual([]);
    expect(read.items).toEqual([
      {
        number: 1,
        section: 'Дроби',
        topic: 'Обыкновенные дроби',
        hours: 1,
        plannedDate: '2026-09-02',
      },
      { number: 2, section: 'Дроби', topic: 'Сложение дробей', hours: 2, plannedDate: null },
    ]);
  });

  it('lists every faulty row', async () => {
    const csv = 'number,topic,hours,date\n1,,1,\n2,Тема,1,31.02.2026x\n';
    const read = readThematicPlan(await thematicRows('csv', csv), []);
    expect(read.issues.map((issue) => [issue.line, issue.code])).toEqual([
      [2, 'PLANNING.INVALID_ROW'],
      [3, 'PLANNING.INVALID_DATE'],
    ]);
  });
});

describe('a timetable imported from CSV', () => {
  it('reads one lesson a row with Russian weekdays, listing faulty rows', () => {
    const csv =
      'класс;день;урок;журнал;учитель;кабинет;подгруппа\nclass-7a;Пн;1;math-7a;t-ivanova;room-21;\nclass-7a;Вс;13;math-7a;t-ivanova;;\n';
    const imported = timetableFromCsv(csv);
    expect(imported.lessons).toEqual([
      {
        line: 2,
        groupId: 'class-7a',
        day: 1,
        slot: 1,
        journalId: 'math-7a',
        teacherId: 't-ivanova',
        roomId: 'room-21',
        subgroup: null,
      },
    ]);
    expect(imported.issues).toEqual([
      expect.objectContaining({ line: 3, code: 'PLANNING.INVALID_ROW' }),
    ]);
  });
});
