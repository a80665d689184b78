import { isIPv4, isIPv6 } from 'net';

/**
 * The customer's address as express computes `req.ip` with `trust proxy` set to a hop count:
 * the peer's address, then X-Forwarded-For read from the right, `hops` entries deep (each
 * trusted proxy appended the address it saw). With 0 hops the header is ignored, so a client
 * cannot name its own address. A malformed entry stops the walk at the last good address.
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  const chain = [normalise(peer)];
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const forwarded = header
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .reverse();
  for (const entry of forwarded.slice(0, hops)) {
    const address = normalise(entry);
    if (!isIPv4(address) && !isIPv6(address)) break;
    chain.push(address);
  }
  return chain[chain.length - 1];
}

/**
 * The key a client's limits are kept under: an IPv4 address as it is; an IPv6 address by its
 * /64 network, since one subscriber is commonly given a whole /64 and could otherwise take a
 * fresh limit per address.
 */
export function addressKey(address: string): string {
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function normalise(address: string): string {
  const bare = address.trim().replace(/^\[(.*)\]$/, '$1');
  // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1] : bare.toLowerCase();
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...zeros, ...right].map((h) => h.replace(/^0+(?=.)/, ''));
}
