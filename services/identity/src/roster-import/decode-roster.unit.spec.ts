import { decodeRoster } from './decode-roster';

const HEADER = 'Тип;Ключ;Фамилия;Имя;Отчество;Дата рождения;Класс';
const ROW = 'ученик;P-1;Ёлкина;Анна;Сергеевна;15.03.2013;7А';
const cp1251 = (text: string) =>
  Buffer.from(
    Array.from(text, (char) => {
      const code = char.charCodeAt(0);
      if (code < 128) return code;
      if (char === 'Ё') return 0xa8;
      if (char === 'ё') return 0xb8;
      return code - 0x410 + 0xc0;
    }),
  );

describe('decodeRoster', () => {
  it('reads a Windows-1251 file with ; separators', () => {
    const decoded = decodeRoster(cp1251(`${HEADER}\r\n${ROW}\r\n`));
    expect(decoded).toMatchObject({ encoding: 'windows-1251', delimiter: ';' });
    expect(decoded.records).toEqual([
      ['ученик', 'P-1', 'Ёлкина', 'Анна', 'Сергеевна', '15.03.2013', '7А'],
    ]);
  });

  it('reads UTF-8 with a BOM and , separators, quoted fields included', () => {
    const text = `\uFEFF${HEADER.replace(/;/g, ',')}\n${ROW.replace(/;/g, ',').replace('Анна', '"Анна, Мария"')}\n`;
    const decoded = decodeRoster(Buffer.from(text, 'utf8'));
    expect(decoded).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(decoded.mapping.columns[0]).toBe('kind');
    expect(decoded.records[0]?.[3]).toBe('Анна, Мария');
  });

  it('refuses bytes that are not the declared encoding', () => {
    expect(() => decodeRoster(cp1251(`${HEADER}\n${ROW}`), 'utf-8')).toThrow(
      expect.objectContaining({ code: 'IDENTITY.IMPORT_ENCODING' }),
    );
  });

  it('names the encoding when a file in another one (KOI8-R) garbles the header', () => {
    const koi8 = Buffer.from([
      0xf4, 0xc9, 0xd0, 0x3b, 0xeb, 0xcc, 0xc0, 0xde, 0x0a, 0x61, 0x3b, 0x62,
    ]);
    expect(() => decodeRoster(koi8)).toThrow(
      expect.objectContaining({
        code: 'IDENTITY.IMPORT_HEADER',
        detail: expect.stringContaining('another encoding'),
      }),
    );
  });

  it('refuses a file with only a header', () => {
    expect(() => decodeRoster(Buffer.from(`${HEADER}\n`))).toThrow(
      expect.objectContaining({ code: 'IDENTITY.IMPORT_EMPTY' }),
    );
  });

  it('refuses malformed CSV with the reason', () => {
    expect(() => decodeRoster(Buffer.from(`${HEADER}\n"ученик;P-1\n`))).toThrow(
      expect.objectContaining({ code: 'IDENTITY.IMPORT_MALFORMED_CSV' }),
    );
  });
});
