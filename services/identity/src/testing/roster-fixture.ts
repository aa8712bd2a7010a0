/** Windows-1251 as Russian spreadsheets save CSV: ASCII as is, А–я from 0xC0, Ё 0xA8, ё 0xB8, № 0xB9. */
export function encodeWindows1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (char) => {
      const code = char.charCodeAt(0);
      if (code < 0x80) return code;
      if (char === 'Ё') return 0xa8;
      if (char === 'ё') return 0xb8;
      if (char === '№') return 0xb9;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      throw new Error(`${char} has no Windows-1251 byte in this encoder`);
    }),
  );
}

export const ROSTER_HEADER =
  'Тип;Ключ;Фамилия;Имя;Отчество;Дата рождения;Класс;Роли;Дети;Кем приходится;Телефон;E-mail;Дата зачисления';

/** A small school: two classes, five pupils, two guardians, a class teacher and an administrator. */
export const ROSTER_ROWS = [
  'класс;C-7A;;;;;7А;;;;;;',
  'класс;C-7B;;;;;7Б;;;;;;',
  'ученик;P-1;Ершов;Пётр;Ильич;02.02.2013;7А;;;;;;',
  'ученик;P-2;Ёлкина;Анна;Сергеевна;15.03.2013;7А;;;;;;',
  'ученик;P-3;Евдокимов;Глеб;;20.05.2013;7А;;;;;;',
  'ученик;P-4;Жуков;Олег;;11.11.2012;7А;;;;;;',
  'ученик;P-5;Абрамова;Вера;;01.01.2013;7А;;;;;;',
  'родитель;G-1;Ёлкина;Мария;Ивановна;;;;P-2;мать;+7 978 123-45-67;;',
  'родитель;G-2;Ершов;Илья;Петрович;;;;P-1;отец;;;',
  'сотрудник;S-1;Петрова;Ольга;Николаевна;;7А;учитель, классный руководитель;;;;;',
  'сотрудник;S-2;Сидоров;Иван;;;;администратор;;;;;',
];

export const rosterFile = (rows: readonly string[] = ROSTER_ROWS) =>
  encodeWindows1251(`${ROSTER_HEADER}\r\n${rows.join('\r\n')}\r\n`);
