import { parseCidr, WebhookTargets, type Resolve } from './webhook-targets';

const dns =
  (answers: Record<string, string[]>): Resolve =>
  async (host) => {
    const found = answers[host];
    if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return found;
  };

describe('webhook targets (server-side request forgery)', () => {
  const targets = new WebhookTargets(
    [],
    dns({
      'app.school.example': ['93.184.215.14'],
      'rebound.example': ['93.184.215.14', '10.1.2.3'],
      'metadata.example': ['169.254.169.254'],
      'v6.example': ['2a00:1450:4001:80b::200e'],
    }),
  );

  it.each([
    '127.0.0.1',
    '10.0.0.7',
    '172.20.1.1',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(targets.addressAllowed(address)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(targets.addressAllowed(address)).toBe(true);
    },
  );

  it('judges a URL by every address its host resolves to', async () => {
    await expect(targets.judge('https://app.school.example/hooks')).resolves.toEqual({
      allowed: true,
      addresses: ['93.184.215.14'],
    });
    await expect(targets.judge('https://[2a00:1450:4001:80b::200e]/x')).resolves.toMatchObject({
      allowed: true,
    });
    await expect(targets.judge('https://rebound.example/hooks')).resolves.toMatchObject({
      allowed: false,
      code: 'FORBIDDEN_ADDRESS',
      reason: expect.stringContaining('10.1.2.3'),
    });
    await expect(targets.judge('http://metadata.example/latest')).resolves.toMatchObject({
      allowed: false,
      code: 'FORBIDDEN_ADDRESS',
    });
    await expect(targets.judge('http://127.0.0.1:8080/')).resolves.toMatchObject({
      allowed: false,
    });
    await expect(targets.judge('http://[::1]:8080/')).resolves.toMatchObject({ allowed: false });
    await expect(targets.judge('https://nowhere.example/')).resolves.toMatchObject({
      allowed: false,
      code: 'UNRESOLVED',
      reason: expect.stringContaining('ENOTFOUND'),
    });
  });

  it('opens only the networks an operator lists', async () => {
    const opened = new WebhookTargets(['127.0.0.0/8', '10.20.0.0/16'], dns({}));
    expect(opened.addressAllowed('127.0.0.1')).toBe(true);
    expect(opened.addressAllowed('10.20.3.4')).toBe(true);
    expect(opened.addressAllowed('10.21.3.4')).toBe(false);
    expect(opened.addressAllowed('169.254.169.254')).toBe(false);
    await expect(opened.judge('http://127.0.0.1:9000/')).resolves.toMatchObject({
      allowed: true,
    });
  });

  it('reads CIDR notation and refuses anything else', () => {
    expect(parseCidr('10.20.0.0/16')).toEqual(['10.20.0.0', 16]);
    expect(parseCidr('::1')).toEqual(['::1', 128]);
    expect(() => parseCidr('10.20.0.0/33')).toThrow(RangeError);
    expect(() => parseCidr('school-app')).toThrow(RangeError);
  });
});
