// The demo region as data: two municipalities, three schools of different kinds, their staff,
// classes, journals with weekly hours and the one pupil who moves from the city to the village.
// Pupils and guardians are named by tools/demo-people.mjs.
const policy = (correctionWindowDays, orderRequired) => ({
  correctionWindowDays,
  afterWindowAuthorisedBy: ['deputy_head', 'head'],
  afterPeriodClosedAuthorisedBy: ['head'],
  orderRequired,
  markScales: ['five_point', 'pass_fail'],
  workTypeWeights: [
    { workType: 'classwork', weight: 1 },
    { workType: 'homework', weight: 1 },
    { workType: 'test', weight: 2 },
  ],
  averaging: { method: 'weighted', decimals: 2, rounding: 'half_up' },
});

const staff = (key, name, roles, login, classLabel = '') => {
  const [surname, givenName, patronymic] = name.split(' ');
  return { key, surname, givenName, patronymic, roles, login, classLabel };
};
const lesson = (cls, subjectId, hours, teacher) => ({
  slug: `${slugOf(cls)}-${subjectId}`,
  kind: 'lesson',
  class: cls,
  subjectId,
  scale: 'five_point',
  hours,
  teacher,
});
const activity = (kind, slug, group, hours, teacher, subjectId = null, scale = 'pass_fail') => ({
  slug,
  kind,
  group,
  subjectId,
  scale,
  hours,
  teacher,
});

export const MUNICIPALITIES = [
  { municipalityId: 'mun-simferopol', title: 'г. Симферополь' },
  { municipalityId: 'mun-bakhchisaray', title: 'Бахчисарайский район' },
];

export const SCHOOLS = [
  {
    schoolId: 'school-simf-gym1',
    short: 'gym1',
    title: 'Гимназия № 1, Симферополь',
    municipalityId: 'mun-simferopol',
    periodKind: 'trimesters',
    weekdays: [1, 2, 3, 4, 5, 6],
    policy: policy(3, true),
    classes: { '5А': 10, '9А': 9, '10А': 8 },
    staff: [
      staff('GYM1-S1', 'Орлов Павел Сергеевич', ['директор'], 'gym1.head'),
      staff('GYM1-S2', 'Волкова Елена Викторовна', ['завуч', 'учитель'], 'gym1.deputy'),
      staff(
        'GYM1-S3',
        'Петрова Ольга Николаевна',
        ['учитель', 'классный руководитель'],
        'gym1.petrova',
        '9А',
      ),
      staff(
        'GYM1-S4',
        'Кузнецова Нина Андреевна',
        ['учитель', 'классный руководитель'],
        'gym1.kuznetsova',
        '5А',
      ),
      staff(
        'GYM1-S5',
        'Смирнов Игорь Олегович',
        ['учитель', 'классный руководитель'],
        'gym1.smirnov',
        '10А',
      ),
      staff('GYM1-S6', 'Лебедева Анна Павловна', ['учитель'], 'gym1.lebedeva'),
    ],
    groups: [
      { title: 'ГПД 5А', kind: 'extended_day', members: { '5А': [0, 2, 3, 5, 7, 8] } },
      { title: 'Робототехника', kind: 'club', members: { '5А': [1, 4], '9А': [0, 3, 6] } },
      {
        title: 'Избранные вопросы математики',
        kind: 'elective',
        members: { '9А': [1, 2, 5], '10А': [0, 1, 4, 6] },
      },
    ],
    journals: [
      lesson('5А', 'math', 5, 'GYM1-S3'),
      lesson('5А', 'russian', 5, 'GYM1-S4'),
      lesson('5А', 'english', 3, 'GYM1-S5'),
      lesson('9А', 'algebra', 3, 'GYM1-S3'),
      lesson('9А', 'russian', 3, 'GYM1-S4'),
      lesson('9А', 'english', 3, 'GYM1-S5'),
      lesson('10А', 'algebra', 4, 'GYM1-S3'),
      lesson('10А', 'physics', 2, 'GYM1-S2'),
      lesson('10А', 'english', 3, 'GYM1-S5'),
      activity('extended_day', 'gpd-5a', 'ГПД 5А', 5, 'GYM1-S6'),
      activity('club', 'robotics', 'Робототехника', 1, 'GYM1-S6'),
      activity(
        'elective',
        'math-elective',
        'Избранные вопросы математики',
        1,
        'GYM1-S3',
        'math-advanced',
      ),
    ],
  },
  {
    schoolId: 'school-simf-12',
    short: 'sch12',
    title: 'Средняя школа № 12, Симферополь',
    municipalityId: 'mun-simferopol',
    periodKind: 'quarters',
    weekdays: [1, 2, 3, 4, 5],
    policy: policy(5, true),
    classes: { '3Б': 10, '7А': 9 },
    staff: [
      staff('SCH12-S1', 'Морозов Андрей Викторович', ['директор'], 'sch12.head'),
      staff('SCH12-S2', 'Соколова Марина Ивановна', ['завуч', 'учитель'], 'sch12.deputy'),
      staff(
        'SCH12-S3',
        'Иванова Татьяна Сергеевна',
        ['учитель', 'классный руководитель'],
        'sch12.ivanova',
        '3Б',
      ),
      staff(
        'SCH12-S4',
        'Никитин Денис Алексеевич',
        ['учитель', 'классный руководитель'],
        'sch12.nikitin',
        '7А',
      ),
      staff('SCH12-S5', 'Фролова Светлана Юрьевна', ['учитель'], 'sch12.frolova'),
    ],
    groups: [{ title: 'ГПД 3Б', kind: 'extended_day', members: { '3Б': [0, 1, 3, 4, 6, 8, 9] } }],
    journals: [
      lesson('3Б', 'math', 4, 'SCH12-S3'),
      lesson('3Б', 'russian', 5, 'SCH12-S3'),
      lesson('3Б', 'reading', 4, 'SCH12-S3'),
      lesson('7А', 'algebra', 3, 'SCH12-S4'),
      lesson('7А', 'russian', 4, 'SCH12-S5'),
      lesson('7А', 'history', 2, 'SCH12-S2'),
      activity('extended_day', 'gpd-3b', 'ГПД 3Б', 5, 'SCH12-S5'),
    ],
  },
  {
    schoolId: 'school-pochtovoe',
    short: 'pocht',
    title: 'Почтовская школа (село), Бахчисарайский район',
    municipalityId: 'mun-bakhchisaray',
    periodKind: 'quarters',
    weekdays: [1, 2, 3, 4, 5],
    policy: policy(7, false),
    classes: { '4А': 6, '7А': 5 },
    staff: [
      staff('POCHT-S1', 'Аблаев Рустем Энверович', ['директор'], 'pocht.head'),
      staff('POCHT-S2', 'Зайцева Людмила Петровна', ['завуч', 'учитель'], 'pocht.deputy'),
      staff(
        'POCHT-S3',
        'Ковалёва Ирина Васильевна',
        ['учитель', 'классный руководитель'],
        'pocht.kovaleva',
        '4А',
      ),
      staff(
        'POCHT-S4',
        'Кравченко Сергей Николаевич',
        ['учитель', 'классный руководитель'],
        'pocht.kravchenko',
        '7А',
      ),
    ],
    groups: [{ title: 'Краеведение', kind: 'club', members: { '4А': [0, 2, 4], '7А': [1, 3] } }],
    journals: [
      lesson('4А', 'math', 4, 'POCHT-S3'),
      lesson('4А', 'russian', 5, 'POCHT-S3'),
      lesson('7А', 'algebra', 3, 'POCHT-S4'),
      lesson('7А', 'russian', 4, 'POCHT-S2'),
      lesson('7А', 'history', 2, 'POCHT-S4'),
      activity('club', 'local-history', 'Краеведение', 1, 'POCHT-S4'),
    ],
  },
];

/**
 * A family moves from the city to the village: school № 12 releases the pupil by its order,
 * the village school admits him by its own, on the first Monday from 16 November. Each act is
 * the head's (identity allows a school's head, administrator or a regional operator).
 */
export const MOVE = {
  from: {
    schoolId: 'school-simf-12',
    classLabel: '7А',
    index: 8,
    orderRef: 'Приказ № 214-у',
    by: 'sch12.head',
  },
  to: {
    schoolId: 'school-pochtovoe',
    classLabel: '7А',
    orderRef: 'Приказ № 57-у',
    by: 'pocht.head',
  },
  monthDay: '11-16',
};

export function slugOf(label) {
  const latin = { А: 'a', Б: 'b', В: 'v', Г: 'g' };
  return label.replace(/[А-Я]/g, (letter) => latin[letter] ?? 'x').toLowerCase();
}

export const SUBJECT_TITLES = {
  math: 'Математика',
  russian: 'Русский язык',
  english: 'Английский язык',
  algebra: 'Алгебра',
  physics: 'Физика',
  reading: 'Литературное чтение',
  history: 'История',
  'math-advanced': 'Избранные вопросы математики (факультатив)',
  null: '',
};
