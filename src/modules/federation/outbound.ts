/**
 * Requests to identity providers, whose addresses account administrators choose: https only, and never
 * to a loopback, private, link-local or otherwise internal address (server-side request forgery), unless
 * the operator allows it (`QGATE_IDP_ALLOW_INSECURE`, for tests and labs).
 *
 * @remarks The address is checked where the connection is made (the `lookup` of the socket), on every
 * address DNS returns, so a name that resolves differently on a second lookup (DNS rebinding) gains
 * nothing. Redirects are not followed; answers are capped at 1 MiB.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

const MAX_BODY = 1024 * 1024;

const INTERNAL = new net.BlockList();
for (const [range, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) INTERNAL.addSubnet(range, bits, 'ipv4');
for (const [range, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32]] as const) {
  INTERNAL.addSubnet(range, bits, 'ipv6');
}

/** True for addresses an identity provider on the internet never has. */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  const family = net.isIP(plain);
  if (family === 0) return true;
  return INTERNAL.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

export class OutboundRefused extends Error {}

/** Throws OutboundRefused when `url` may not be requested. */
export function checkOutboundUrl(url: URL, allowInsecure: boolean): void {
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) throw new OutboundRefused(`${url.origin} does not use https`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowInsecure && net.isIP(host) !== 0 && isInternalAddress(host)) throw new OutboundRefused(`${url.hostname} is an internal address`);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A socket lookup that refuses internal addresses. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const bad = addresses.find((a) => isInternalAddress(a.address));
    if (bad || addresses.length === 0) return callback(Object.assign(new OutboundRefused(`${hostname} resolves to an internal address`), { code: 'EINTERNAL' }), '');
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

export interface OutboundInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** A fetch for identity providers: same answer shape as `fetch`, with the checks above. */
export function createOutboundFetch(options: { allowInsecure: boolean; timeoutMs: number }) {
  return (input: string | URL, init: OutboundInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    checkOutboundUrl(url, options.allowInsecure);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const req = client.request(url, {
        method: init.method ?? 'GET', headers: init.headers, agent: false, timeout: options.timeoutMs,
        ...(options.allowInsecure ? {} : { lookup: guardedLookup as unknown as typeof dns.lookup }),
      }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) req.destroy(new Error(`the answer from ${url.origin} is larger than 1 MiB`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
          const status = res.statusCode ?? 502;
          const nullBody = status === 204 || status === 304;
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status: status < 200 || status > 599 ? 502 : status, headers }));
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} within ${options.timeoutMs} ms`)));
      req.on('error', reject);
      init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true });
      if (init.body !== undefined) req.write(init.body);
      req.end();
    });
  };
}

export type OutboundFetch = ReturnType<typeof createOutboundFetch>;
