import { ServiceTokenClient } from '@ejournal/auth';

/** Names of people for printing, from identity (the only holder of personal data, R11). */
export interface PeopleDirectory {
  names(personIds: readonly string[]): Promise<Map<string, string>>;
}

export const PEOPLE_DIRECTORY = Symbol('PEOPLE_DIRECTORY');

interface Person {
  personId: string;
  surname: string | null;
  givenName: string | null;
  patronymic: string | null;
  erased?: boolean;
}

const BATCH = 500;

/**
 * Identity's `POST /people/batch` with the archive's service account (client credentials;
 * a service account reads region-wide and each read is in identity's access log). Nothing is
 * kept: the names go into the document being printed and nowhere else.
 */
export class IdentityPeopleDirectory implements PeopleDirectory {
  constructor(
    private readonly identityUrl: string,
    private readonly tokens: Pick<ServiceTokenClient, 'authorization'>,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async names(personIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const unique = [...new Set(personIds)];
    for (let first = 0; first < unique.length; first += BATCH) {
      const response = await this.fetcher(new URL('/people/batch', this.identityUrl), {
        method: 'POST',
        headers: {
          authorization: await this.tokens.authorization(),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ personIds: unique.slice(first, first + BATCH) }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok)
        throw new Error(`identity answered ${response.status} to POST /people/batch`);
      const { people } = (await response.json()) as { people: Person[] };
      for (const person of people) {
        const name = [person.surname, person.givenName, person.patronymic]
          .filter(Boolean)
          .join(' ');
        if (name && !person.erased) names.set(person.personId, name);
      }
    }
    return names;
  }
}
