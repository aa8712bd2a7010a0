import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Networks a school app's webhook may not point into (server-side request forgery): loopback,
 * private, carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), benchmarking,
 * multicast and reserved ranges, and their IPv6 counterparts (IPv4-mapped addresses are judged
 * by their IPv4 address).
 */
const FORBIDDEN: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export type TargetVerdict =
  | { allowed: true; addresses: string[] }
  | { allowed: false; reason: string; code: 'FORBIDDEN_ADDRESS' | 'UNRESOLVED' };

/** Resolves a host to every address it has; a test may stand in for DNS. */
export type Resolve = (host: string) => Promise<string[]>;

const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Judges where a webhook would go. `allowedNetworks` (CIDRs, `WEBHOOK_ALLOWED_NETWORKS`) opens
 * chosen forbidden ranges again, e.g. a school app on the ministry's own network, or loopback
 * in tests.
 */
export class WebhookTargets {
  private readonly forbidden = new BlockList();
  private readonly allowed = new BlockList();

  constructor(
    allowedNetworks: readonly string[] = [],
    private readonly resolve: Resolve = systemResolve,
  ) {
    for (const [network, prefix, family] of FORBIDDEN) {
      this.forbidden.addSubnet(network, prefix, family);
    }
    for (const cidr of allowedNetworks) {
      const [network, prefix] = parseCidr(cidr);
      this.allowed.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
    }
  }

  /** Whether one address may be called. */
  addressAllowed(address: string): boolean {
    const mapped = MAPPED_V4.exec(address)?.[1];
    const plain = mapped ?? address;
    const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(plain) === 0) return false;
    return this.allowed.check(plain, family) || !this.forbidden.check(plain, family);
  }

  /** Every address the URL's host resolves to must be allowed. */
  async judge(url: string): Promise<TargetVerdict> {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: string[];
    if (isIP(host) !== 0) addresses = [host];
    else {
      try {
        addresses = await this.resolve(host);
      } catch (error) {
        return {
          allowed: false,
          code: 'UNRESOLVED',
          reason: `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        };
      }
    }
    const refused = addresses.filter((address) => !this.addressAllowed(address));
    if (addresses.length === 0 || refused.length > 0) {
      return {
        allowed: false,
        code: 'FORBIDDEN_ADDRESS',
        reason: `${host} resolves to ${refused.join(', ') || 'nothing'}, in a network webhooks may not reach`,
      };
    }
    return { allowed: true, addresses };
  }
}

export function parseCidr(cidr: string): [string, number] {
  const [network = '', prefixText] = cidr.trim().split('/');
  const family = isIP(network);
  const max = family === 6 ? 128 : 32;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw new RangeError(`not a network in CIDR notation: ${cidr}`);
  }
  return [network, prefix];
}
