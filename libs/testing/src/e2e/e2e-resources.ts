import mongoose from 'mongoose';
import { Client } from 'pg';

/** A CSV roster as a spreadsheet saves it (identity reads UTF-8 and Windows-1251). */
export const rosterFile = (rows: readonly string[]) =>
  Buffer.from(
    'Тип;Ключ;Фамилия;Имя;Отчество;Дата рождения;Класс;Роли;Дети;Кем приходится;Телефон;E-mail;Дата зачисления\r\n' +
      `${rows.join('\r\n')}\r\n`,
    'utf8',
  );

/** The roles the event-store migration created for a test database. */
export async function dropRoles(databases: (string | undefined)[]): Promise<void> {
  const admin = new Client({ connectionString: process.env['DATABASE_URL'] });
  await admin.connect();
  try {
    for (const name of databases.filter(Boolean)) {
      for (const suffix of ['app', 'owner', 'disposal'])
        await admin.query(`DROP ROLE IF EXISTS "${name}_${suffix}"`);
    }
  } finally {
    await admin.end();
  }
}

export async function dropMongo(url: string): Promise<void> {
  const connection = await mongoose.createConnection(url).asPromise();
  await connection.dropDatabase();
  await connection.close();
}
