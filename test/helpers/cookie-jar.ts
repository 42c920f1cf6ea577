/**
 * What a browser keeps between the hops of a sign-in: cookies sent with each request and updated from each
 * answer's Set-Cookie. Tests that play the browser with fetch follow redirects one hop at a time through it.
 */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** The Cookie header a browser would send. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** One hop: the request with the jar's cookies, redirects not followed, cookies set by the answer kept. */
  async fetch(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: this.header() } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }
}
