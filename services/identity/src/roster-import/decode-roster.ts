import { mapHeader, type HeaderMapping } from '@ejournal/identity-domain';
import { UnprocessableProblem, ValidationProblem } from '@ejournal/http';
import { parse } from 'csv-parse/sync';

export type RosterEncoding = 'utf-8' | 'windows-1251';

export interface DecodedRoster {
  encoding: RosterEncoding;
  delimiter: ';' | ',';
  mapping: HeaderMapping;
  records: string[][];
}

export const MAX_ROSTER_ROWS = 5000;

/**
 * Bytes as Russian spreadsheets save them: UTF-8 (with or without BOM) or Windows-1251, `;` or
 * `,` between fields. Without a declared encoding, bytes that are not valid UTF-8 are read as
 * Windows-1251; a header that still does not match names the encoding as the likely cause.
 */
export function decodeRoster(bytes: Buffer, declared?: RosterEncoding): DecodedRoster {
  const encoding = declared ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1251');
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ValidationProblem(
      'IDENTITY.IMPORT_ENCODING',
      `The file is not valid ${encoding}: save it as UTF-8 or Windows-1251 CSV`,
    );
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  } catch (error) {
    throw new ValidationProblem(
      'IDENTITY.IMPORT_MALFORMED_CSV',
      `The CSV cannot be read: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const [header, ...records] = rows;
  if (!header || records.length === 0)
    throw new ValidationProblem('IDENTITY.IMPORT_EMPTY', 'The file has no rows under its header');
  if (records.length > MAX_ROSTER_ROWS) {
    throw new UnprocessableProblem(
      'IDENTITY.IMPORT_TOO_LARGE',
      `At most ${MAX_ROSTER_ROWS} rows per file: split it by classes`,
    );
  }
  const mapping = mapHeader(header);
  if (mapping.missing.length > 0 || mapping.duplicated.length > 0) {
    const hint = declared
      ? ''
      : ` (read as ${encoding}; if the headers look garbled, the file is in another encoding)`;
    const problems = [
      ...mapping.missing.map((c) => `missing ${c}`),
      ...mapping.duplicated.map((c) => `repeated ${c}`),
    ];
    throw new ValidationProblem(
      'IDENTITY.IMPORT_HEADER',
      `The header is not a roster's: ${problems.join(', ')}${hint}`,
    );
  }
  return { encoding, delimiter, mapping, records };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const count = (line: string, char: string) => line.split(char).length - 1;
