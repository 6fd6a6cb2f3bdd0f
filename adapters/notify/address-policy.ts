/**
 * Which webhook addresses may be called. Only http and https URLs without
 * credentials; and, unless a deployment allows it (tests, on-premises
 * receivers), no private, loopback, link-local, shared, multicast or reserved
 * address, checked on the address actually connected to (after DNS), so a name
 * that resolves to 10.0.0.1 is refused as 10.0.0.1 would be.
 */
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is private, loopback, link-local, shared, multicast or reserved (not on the public internet). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // IPv4-mapped addresses (::ffff:10.0.0.1) are judged as the IPv4 address (a ::ffff:0:0/96 rule would make
    // BlockList refuse every IPv4 address, since it checks IPv4 against IPv6 rules in mapped form).
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1] as string, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return blocked.check(address, 'ipv4');
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: 'url_refused'; detail: string };

/** Parse and vet a webhook URL's form (protocol, credentials); the address is checked at connect time. */
export function checkWebhookUrl(raw: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'url_refused', detail: 'not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'url_refused', detail: `protocol ${url.protocol} is not http(s)` };
  if (url.username || url.password) return { ok: false, reason: 'url_refused', detail: 'credentials in the URL' };
  return { ok: true, url };
}

/** The part of a URL that is safe to log: scheme, host and port (paths and queries may carry tokens). */
export function loggableOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(not a URL)';
  }
}
