/** The columns a roster file may have, and the headers Russian spreadsheets give them. */
export const COLUMN_ALIASES = {
  kind: ['тип', 'type'],
  key: ['ключ', 'внешний ключ', 'key', 'external_key'],
  personId: ['идентификатор', 'person_id'],
  surname: ['фамилия', 'surname'],
  givenName: ['имя', 'name', 'given_name'],
  patronymic: ['отчество', 'patronymic'],
  birthDate: ['дата рождения', 'birth_date'],
  class: ['класс', 'class'],
  roles: ['роли', 'должность', 'roles'],
  children: ['дети', 'ключи детей', 'children'],
  relation: ['кем приходится', 'relation'],
  enrolledOn: ['дата зачисления', 'enrolled_on'],
  email: ['email', 'e-mail', 'эл. почта', 'электронная почта'],
  phone: ['телефон', 'phone'],
} as const;

export type Column = keyof typeof COLUMN_ALIASES;
export const REQUIRED_COLUMNS: readonly Column[] = ['kind', 'key', 'surname', 'givenName', 'class'];

const normalise = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[_\s]+/g, ' ');

const BY_ALIAS = new Map<string, Column>(
  Object.entries(COLUMN_ALIASES).flatMap(([column, aliases]) =>
    aliases.map((alias) => [normalise(alias), column as Column] as const),
  ),
);

export interface HeaderMapping {
  /** For each position in the file, the column it holds (null: ignored). */
  columns: (Column | null)[];
  missing: Column[];
  duplicated: Column[];
}

export function mapHeader(header: readonly string[]): HeaderMapping {
  const columns = header.map((name) => BY_ALIAS.get(normalise(name)) ?? null);
  const present = columns.filter((column): column is Column => column !== null);
  return {
    columns,
    missing: REQUIRED_COLUMNS.filter((column) => !present.includes(column)),
    duplicated: present.filter((column, index) => present.indexOf(column) !== index),
  };
}
