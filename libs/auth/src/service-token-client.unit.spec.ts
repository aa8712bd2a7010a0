import { ServiceTokenClient } from './service-token-client';

describe('ServiceTokenClient', () => {
  const answer = (token: string) =>
    new Response(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 300 }), {
      status: 200,
    });

  it('fetches once, reuses the token until shortly before expiry, then renews', async () => {
    let now = 0;
    const fetch = jest.fn().mockResolvedValueOnce(answer('t1')).mockResolvedValueOnce(answer('t2'));
    const client = new ServiceTokenClient({
      tokenUrl: 'http://identity/auth/token',
      clientId: 'journal',
      clientSecret: 's3cret',
      fetch,
      now: () => now,
    });
    const [first, second] = await Promise.all([client.token(), client.token()]);
    expect([first, second]).toEqual(['t1', 't1']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'journal',
      client_secret: 's3cret',
    });
    now = 239_000;
    expect(await client.authorization()).toBe('Bearer t1');
    now = 240_000;
    expect(await client.token()).toBe('t2');
  });

  it('fails when the token endpoint refuses the credentials', async () => {
    const fetch = jest.fn().mockResolvedValue(new Response('{}', { status: 401 }));
    const client = new ServiceTokenClient({
      tokenUrl: 'http://x',
      clientId: 'a',
      clientSecret: 'b',
      fetch,
    });
    await expect(client.token()).rejects.toThrow('Token endpoint answered 401 for a');
  });
});
