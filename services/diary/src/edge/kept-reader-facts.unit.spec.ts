import type { AuthRequest, Principal } from '@ejournal/auth';
import type { ReaderFacts } from '../facts/diary-facts';
import { diaryScopeResolver, PUPIL_RESOURCE } from './diary-scope-resolver';
import { keptReaderFacts } from './kept-reader-facts';

const AT = new Date('2026-09-15T16:00:00Z');
const FACTS: ReaderFacts = {
  place: { schoolId: 'school-1', classId: 'class-5a' },
  timeZone: 'Europe/Moscow',
  today: '2026-09-15',
  restrictions: [],
};

const principal = (subject: string, role: 'parent' | 'head'): Principal => ({
  subject,
  kind: 'user',
  grants: [{ role, scope: { schoolId: 'school-1' } }] as Principal['grants'],
  tokenId: `token-${subject}`,
  expiresAt: new Date('2026-09-15T17:00:00Z'),
});

const request = (who: Principal): AuthRequest => ({
  method: 'GET',
  url: '/pupils/pupil-1/diary',
  headers: {},
  params: { pupilId: 'pupil-1' },
  query: {},
  body: undefined,
  principal: who,
});

/** The resolver over facts that answer FACTS for pupil-1 and record what they were asked. */
function resolverAsked() {
  const asked: { pupilId: string; at: Date; guardianId: string | null }[] = [];
  const resolver = diaryScopeResolver(
    {
      readerFacts: async (pupilId, at, guardianId) => {
        asked.push({ pupilId, at, guardianId });
        return pupilId === 'pupil-1' ? FACTS : null;
      },
      schoolsOfWebhook: async () => null,
    },
    'region-1',
    () => AT,
  );
  return { resolver, asked };
}

describe('the pupil facts the diary scope resolver keeps on the request', () => {
  it('places the pupil and keeps the facts asked with the parent’s own guardianship', async () => {
    const { resolver, asked } = resolverAsked();
    const parentRequest = request(principal('guardian-7', 'parent'));
    const target = await resolver.complete(
      { resource: { kind: PUPIL_RESOURCE, id: 'pupil-1' } },
      parentRequest,
    );
    expect(target).toMatchObject({
      regionId: 'region-1',
      schoolId: 'school-1',
      classId: 'class-5a',
    });
    expect(asked).toEqual([{ pupilId: 'pupil-1', at: AT, guardianId: 'guardian-7' }]);
    expect(keptReaderFacts(parentRequest, 'pupil-1', 'guardian-7')).toBe(FACTS);
  });

  it('keeps nothing that answers for another pupil or another guardian', async () => {
    const { resolver } = resolverAsked();
    const headRequest = request(principal('head-1', 'head'));
    await resolver.complete({ resource: { kind: PUPIL_RESOURCE, id: 'pupil-1' } }, headRequest);
    expect(keptReaderFacts(headRequest, 'pupil-1', null)).toBe(FACTS);
    expect(keptReaderFacts(headRequest, 'pupil-2', null)).toBeUndefined();
    expect(keptReaderFacts(headRequest, 'pupil-1', 'guardian-7')).toBeUndefined();
    expect(keptReaderFacts(undefined, 'pupil-1', null)).toBeUndefined();
  });

  it('keeps that a pupil the diary does not know has no facts, and places her nowhere', async () => {
    const { resolver } = resolverAsked();
    const headRequest = request(principal('head-1', 'head'));
    const target = await resolver.complete(
      { resource: { kind: PUPIL_RESOURCE, id: 'pupil-unknown' } },
      headRequest,
    );
    expect(target.schoolId).toBeUndefined();
    expect(keptReaderFacts(headRequest, 'pupil-unknown', null)).toBeNull();
  });
});
