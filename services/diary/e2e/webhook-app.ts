import { Webhook } from 'standardwebhooks';
import { startReceiver, type Received } from '../src/testing/delivery-fixture';

/**
 * A school app's webhook endpoint on loopback: it verifies every request with the Standard
 * Webhooks authors' library (`standardwebhooks`), answers 204 when the signature holds and
 * 400 when it does not, and keeps what it accepted.
 */
export async function startSchoolApp(secret: string) {
  const verifier = new Webhook(secret);
  const forged: Received[] = [];
  const receiver = await startReceiver((request) => {
    try {
      verifier.verify(request.body, request.headers);
      return 204;
    } catch {
      forged.push(request);
      return 400;
    }
  });
  /** webhook-id → how many times it was accepted. */
  const acceptedIds = () => {
    const counts = new Map<string, number>();
    for (const each of receiver.accepted()) {
      const id = each.headers['webhook-id'] ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  return { ...receiver, forged, acceptedIds };
}
