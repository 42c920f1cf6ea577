/**
 * IBM's `allowed_ip_addresses`: a comma-separated list of IPv4/IPv6 addresses and CIDR ranges.
 */
import net from 'node:net';

export interface IpAllowList {
  readonly entries: readonly string[];
  allows(address: string): boolean;
}

/** Returns the problem with one entry, or undefined when it is a valid address or range. */
function problemOf(entry: string): string | undefined {
  const [address, prefix, extra] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (family === 0 || extra !== undefined) return `'${entry}' is not an IP address or CIDR range`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && bits <= max ? undefined : `'${entry}' has a prefix length outside 0–${max}`;
}

/** Splits and checks a list; throws an Error whose message names the bad entry. */
export function parseAllowList(value: string): IpAllowList {
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length > 100) throw new Error(`has ${entries.length} entries; at most 100 are allowed`);
  const list = new net.BlockList();
  for (const entry of entries) {
    const problem = problemOf(entry);
    if (problem) throw new Error(problem);
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const type = net.isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return {
    entries,
    allows(raw: string): boolean {
      if (entries.length === 0) return true;
      // An IPv4 client of a dual-stack listener arrives as ::ffff:a.b.c.d.
      const address = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw)?.[1] ?? raw;
      const family = net.isIP(address);
      if (family === 0) return false;
      return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
