import { Webhook } from 'standardwebhooks';
import { nextAttempt } from './retry-schedule';
import { newWebhookSecret, signWebhook, WEBHOOK_SECRET_PATTERN } from './webhook-signature';

describe('signWebhook: Standard Webhooks signatures', () => {
  const body = JSON.stringify({ type: 'diary.mark_recorded', data: { value: '5' } });

  it('is verified by the spec authors’ library, with either secret of a rotation', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    expect(current).toMatch(WEBHOOK_SECRET_PATTERN);
    const headers = signWebhook('msg-1', new Date(), body, [current, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [current, previous])
      expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, { ...headers })).toThrow();
  });
});

describe('nextAttempt: exponential backoff with full jitter for a bounded time', () => {
  const policy = { minMs: 1_000, maxMs: 60_000, forMs: 86_400_000 };
  const first = new Date('2026-09-08T10:00:00Z');
  const after = (ms: number) => new Date(first.getTime() + ms);

  it('doubles the ceiling per attempt up to the maximum, jittered below it', () => {
    const delay = (attempts: number, random: number) =>
      (nextAttempt(policy, attempts, first, first, () => random) as Date).getTime() -
      first.getTime();
    expect([1, 2, 3, 4].map((attempts) => delay(attempts, 0.999_999))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect(delay(30, 0.999_999)).toBe(60_000);
    expect(delay(3, 0.5)).toBe(2_000);
  });

  it('retries up to the end of the window, then the delivery is dead', () => {
    expect(nextAttempt(policy, 40, first, after(86_399_000), () => 0.9)).toEqual(after(86_400_000));
    expect(nextAttempt(policy, 41, first, after(86_400_000))).toBe('dead');
  });
});
