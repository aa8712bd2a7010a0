import type { Cell, Report } from './roster-row';
import { isEmail, isName, normalisePhone, parseDate } from './roster-values';

/** What identity keeps about a person, only in its PostgreSQL tables (never in events). */
export interface PersonalData {
  surname: string;
  givenName: string;
  patronymic: string | null;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
}

/** The personal data of a person row, reporting each bad field. */
export function readPerson(
  cell: Cell,
  birthDateRequired: boolean,
  issue: Report,
): PersonalData | null {
  const [surname, givenName, patronymic] = [cell('surname'), cell('givenName'), cell('patronymic')];
  if (!isName(surname))
    issue(
      'surname',
      'IDENTITY.IMPORT_INVALID_NAME',
      'The surname must be letters, hyphens or spaces',
    );
  if (!isName(givenName))
    issue(
      'givenName',
      'IDENTITY.IMPORT_INVALID_NAME',
      'The name must be letters, hyphens or spaces',
    );
  if (patronymic && !isName(patronymic))
    issue('patronymic', 'IDENTITY.IMPORT_INVALID_NAME', 'The patronymic must be letters');
  const birthDate = cell('birthDate') ? parseDate(cell('birthDate')) : null;
  if (cell('birthDate') && !birthDate)
    issue('birthDate', 'IDENTITY.IMPORT_INVALID_DATE', 'The birth date must be like 31.08.2015');
  if (birthDateRequired && !cell('birthDate'))
    issue('birthDate', 'IDENTITY.IMPORT_INVALID_DATE', 'A pupil needs a birth date');
  const email = cell('email') || null;
  if (email && !isEmail(email))
    issue('email', 'IDENTITY.IMPORT_INVALID_CONTACT', 'The e-mail address is not valid');
  const phone = cell('phone') ? normalisePhone(cell('phone')) : null;
  if (cell('phone') && !phone)
    issue(
      'phone',
      'IDENTITY.IMPORT_INVALID_CONTACT',
      'The phone must be a Russian number like +7 978 123-45-67',
    );
  return { surname, givenName, patronymic: patronymic || null, birthDate, email, phone };
}
