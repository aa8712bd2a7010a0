import { call } from './http';

interface Person {
  personId: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
}

const known = new Map<string, string>();

/** "Ёлкина Анна": names come from identity only, read in one batch and kept for the tab. */
export async function namesOf(ids: string[]): Promise<Map<string, string>> {
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  for (let start = 0; start < missing.length; start += 500) {
    const personIds = missing.slice(start, start + 500);
    try {
      const { people } = await call<{ people: Person[] }>('identity', 'POST', '/people/batch', {
        json: { personIds },
      });
      for (const person of people)
        known.set(person.personId, `${person.surname} ${person.givenName}`);
    } catch {
      // Names are a courtesy: without them the application shows short ids.
    }
  }
  return new Map(ids.map((id) => [id, known.get(id) ?? `№ ${id.slice(-6)}`]));
}
