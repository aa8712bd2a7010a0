// The people of the demo schools: pupils and their mothers named from a seeded generator, staff
// from tools/demo-region.mjs, and the roster files a school would export from its spreadsheet.
import { MOVE, slugOf } from './demo-region.mjs';

/** A small seeded generator (mulberry32 over an FNV-1a hash): the same name gives the same run. */
export function seeded(name) {
  let h = 2166136261;
  for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (random, list) => list[Math.floor(random() * list.length)];

const SURNAMES = [
  'Ершов',
  'Белов',
  'Жуков',
  'Исаев',
  'Козлов',
  'Миронов',
  'Сидоров',
  'Тарасов',
  'Уткин',
  'Фёдоров',
  'Яковлев',
  'Абибуллаев',
  'Гришин',
  'Денисов',
  'Ефимов',
  'Котов',
  'Лукин',
  'Медведев',
  'Носов',
  'Осипов',
  'Панов',
  'Рябов',
  'Савин',
  'Титов',
  'Чернов',
  'Шаров',
];
const BOYS = [
  'Пётр',
  'Глеб',
  'Олег',
  'Лев',
  'Артём',
  'Максим',
  'Илья',
  'Тимур',
  'Егор',
  'Арсен',
  'Кирилл',
  'Марк',
];
const GIRLS = [
  'Анна',
  'Вера',
  'Дарья',
  'Полина',
  'Алиса',
  'Мария',
  'Софья',
  'Эльвира',
  'Ксения',
  'Ева',
  'Милана',
];
const MOTHERS = [
  'Мария',
  'Елена',
  'Наталья',
  'Ольга',
  'Ирина',
  'Светлана',
  'Юлия',
  'Татьяна',
  'Алина',
];
const FATHERS = [
  ['Сергеевич', 'Сергеевна'],
  ['Андреевич', 'Андреевна'],
  ['Николаевич', 'Николаевна'],
  ['Дмитриевич', 'Дмитриевна'],
  ['Александрович', 'Александровна'],
  ['Игоревич', 'Игоревна'],
  ['Викторович', 'Викторовна'],
  ['Олегович', 'Олеговна'],
];
const patronymic = (father, male) => father[male ? 0 : 1];
const feminine = (surname) => (/(ов|ев|ин|ёв)$/.test(surname) ? `${surname}а` : surname);

const two = (n) => String(n).padStart(2, '0');

/** Pupils of one class, each with a mother as guardian; keys are the school's stable keys. */
export function pupilsOf(school, classLabel, count, firstYear) {
  const random = seeded(`${school.schoolId}/${classLabel}`);
  const grade = Number.parseInt(classLabel, 10);
  return Array.from({ length: count }, (_, index) => {
    const male = random() < 0.5;
    const surname = pick(random, SURNAMES);
    const father = pick(random, FATHERS);
    const month = 1 + Math.floor(random() * 12);
    const year = firstYear - 6 - grade - (month >= 9 ? 1 : 0);
    const key = `${school.short.toUpperCase()}-${slugOf(classLabel).toUpperCase()}-${two(index + 1)}`;
    return {
      key,
      index,
      classLabel,
      surname: male ? surname : feminine(surname),
      givenName: pick(random, male ? BOYS : GIRLS),
      patronymic: patronymic(father, male),
      birthDate: `${two(1 + Math.floor(random() * 28))}.${two(month)}.${year}`,
      guardian: {
        key: `${key}-M`,
        surname: feminine(surname),
        givenName: pick(random, MOTHERS),
        patronymic: patronymic(pick(random, FATHERS), false),
        phone: `+7 978 ${100 + Math.floor(random() * 900)}-${two(Math.floor(random() * 100))}-${two(Math.floor(random() * 100))}`,
      },
    };
  });
}

export const isMover = (school, pupil) =>
  school.schoolId === MOVE.from.schoolId &&
  pupil.classLabel === MOVE.from.classLabel &&
  pupil.index === MOVE.from.index;

const HEADER =
  'Тип;Ключ;Фамилия;Имя;Отчество;Дата рождения;Класс;Роли;Дети;Кем приходится;Телефон;E-mail;Дата зачисления';

/** The CSV a school exports: its classes, the given pupils with their mothers, and staff. */
export function rosterFile(classLabels, pupils, staff) {
  const rows = [
    HEADER,
    ...classLabels.map((label) => `класс;C-${label};;;;;${label};;;;;;`),
    ...pupils.flatMap((p) => [
      `ученик;${p.key};${p.surname};${p.givenName};${p.patronymic};${p.birthDate};${p.classLabel};;;;;;`,
      `родитель;${p.guardian.key};${p.guardian.surname};${p.guardian.givenName};${p.guardian.patronymic};;;;${p.key};мать;${p.guardian.phone};;`,
    ]),
    ...staff.map(
      (s) =>
        `сотрудник;${s.key};${s.surname};${s.givenName};${s.patronymic};;${s.classLabel};${s.roles.join(', ')};;;;;`,
    ),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
