import { mapHeader } from './roster-columns';
import { readRosterRows } from './roster-row';
import { parseClassLabel, parseDate } from './roster-values';

const header = [
  'Тип',
  'Ключ',
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Класс',
  'Роли',
  'Дети',
  'Кем приходится',
  'Телефон',
  'E-mail',
  'Дата зачисления',
];
const mapping = mapHeader(header);
const read = (...records: string[][]) => readRosterRows(mapping, records);

describe('mapHeader', () => {
  it('maps Russian headers, ignoring case, ё and extra columns', () => {
    const mapped = mapHeader(['ТИП', 'Ключ', 'Фамилия', 'Имя', 'Класс', 'Примечание']);
    expect(mapped.columns).toEqual(['kind', 'key', 'surname', 'givenName', 'class', null]);
    expect(mapped.missing).toEqual([]);
  });

  it('names missing and repeated columns', () => {
    const mapped = mapHeader(['Тип', 'Ключ', 'Имя', 'Имя']);
    expect(mapped.missing).toEqual(['surname', 'class']);
    expect(mapped.duplicated).toEqual(['givenName']);
  });
});

describe('readRosterRows', () => {
  it('reads a class, a pupil, a guardian and a teacher', () => {
    const { rows, issues } = read(
      ['класс', 'C-7A', '', '', '', '', '7а', '', '', '', '', '', ''],
      [
        'ученик',
        'P-1',
        'Ёлкина',
        'Анна',
        'Сергеевна',
        '15.03.2013',
        '7А',
        '',
        '',
        '',
        '',
        '',
        '01.09.2026',
      ],
      [
        'родитель',
        'G-1',
        'Ёлкина',
        'Мария',
        'Ивановна',
        '',
        '',
        '',
        'P-1',
        'мать',
        '8 (978) 123-45-67',
        'm@example.ru',
        '',
      ],
      [
        'сотрудник',
        'S-1',
        'Петров',
        'Иван',
        '',
        '',
        '7А',
        'учитель, классный руководитель',
        '',
        '',
        '',
        '',
        '',
      ],
    );
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      { line: 2, kind: 'class', key: 'C-7A', grade: 7, letter: 'А' },
      expect.objectContaining({
        line: 3,
        kind: 'pupil',
        classLabel: '7А',
        enrolledOn: '2026-09-01',
        person: expect.objectContaining({ birthDate: '2013-03-15', surname: 'Ёлкина' }),
      }),
      expect.objectContaining({
        kind: 'guardian',
        children: ['P-1'],
        relation: 'mother',
        person: expect.objectContaining({ phone: '+79781234567', email: 'm@example.ru' }),
      }),
      expect.objectContaining({
        kind: 'staff',
        roles: ['teacher', 'class_teacher'],
        classLabel: '7А',
      }),
    ]);
  });

  it('reports every problem of a row with its line, key and column', () => {
    const { rows, issues } = read([
      'ученик',
      'P-2',
      'Иванов1',
      'Пётр',
      '',
      '31.02.2013',
      '13Б',
      '',
      '',
      '',
      '12345',
      'not-mail',
      '',
    ]);
    expect(rows).toEqual([]);
    expect(issues.map((issue) => [issue.line, issue.key, issue.column, issue.code])).toEqual([
      [2, 'P-2', 'class', 'IDENTITY.IMPORT_INVALID_CLASS'],
      [2, 'P-2', 'surname', 'IDENTITY.IMPORT_INVALID_NAME'],
      [2, 'P-2', 'birthDate', 'IDENTITY.IMPORT_INVALID_DATE'],
      [2, 'P-2', 'email', 'IDENTITY.IMPORT_INVALID_CONTACT'],
      [2, 'P-2', 'phone', 'IDENTITY.IMPORT_INVALID_CONTACT'],
    ]);
  });

  it.each([
    [
      'an unknown kind',
      ['директор', 'X-1', 'А', 'Б', '', '', '', '', '', '', '', '', ''],
      'IDENTITY.IMPORT_UNKNOWN_KIND',
    ],
    [
      'a guardian without children',
      ['родитель', 'G-2', 'Иванова', 'Ольга', '', '', '', '', '', '', '', '', ''],
      'IDENTITY.IMPORT_NO_CHILDREN',
    ],
    [
      'an unknown staff role',
      ['сотрудник', 'S-2', 'Сидоров', 'Олег', '', '', '', 'дворник', '', '', '', '', ''],
      'IDENTITY.IMPORT_INVALID_ROLE',
    ],
    [
      'a class teacher without a class',
      [
        'сотрудник',
        'S-3',
        'Сидоров',
        'Олег',
        '',
        '',
        '',
        'классный руководитель',
        '',
        '',
        '',
        '',
        '',
      ],
      'IDENTITY.IMPORT_INVALID_CLASS',
    ],
    [
      'a pupil without a birth date',
      ['ученик', 'P-3', 'Иванов', 'Пётр', '', '', '7А', '', '', '', '', '', ''],
      'IDENTITY.IMPORT_INVALID_DATE',
    ],
    [
      'a key with spaces',
      ['ученик', 'P 4', 'Иванов', 'Пётр', '', '01.01.2013', '7А', '', '', '', '', '', ''],
      'IDENTITY.IMPORT_INVALID_KEY',
    ],
  ])('refuses %s', (_case, record, code) => {
    expect(read(record).issues.map((issue) => issue.code)).toContain(code);
  });
});

describe('values', () => {
  it('parses spreadsheet and ISO dates and refuses impossible ones', () => {
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
    expect(parseDate('2015-08-31')).toBe('2015-08-31');
    expect(parseDate('29.02.2023')).toBeNull();
    expect(parseDate('1.9.2026')).toBeNull();
    expect(parseDate('01.01.0000')).toBeNull();
    expect(parseDate('31.12.2200')).toBeNull();
  });

  it('parses class labels', () => {
    expect(parseClassLabel('11 б')).toEqual({ grade: 11, letter: 'Б' });
    expect(parseClassLabel('0А')).toBeNull();
  });
});
