/**
 * The web application's pages as a signed-in person sees them. The web (dist/apps/web, as
 * `npm run start:web` runs it) reads the database itself through the domain modules, like the
 * API; it is signed in to as a browser does: the sign-in page's CSRF token and cookie, the
 * form posted, the session cookie kept.
 */

/** The cookies a response sets, as `name=value` (attributes dropped). */
function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of res.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair.indexOf('=');
    if (at > 0) out.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return out;
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/** Signs in through the web's /sign-in form; the `cookie` header of the session. */
export async function signInToWeb(base: string, email: string, password: string) {
  const page = await fetch(`${base}/sign-in`);
  if (!page.ok) throw new Error(`GET /sign-in: ${page.status}`);
  const jar = cookiesOf(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no CSRF token on the sign-in page');
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(jar),
    },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`POST /sign-in: ${res.status} ${await res.text()}`);
  for (const [name, value] of cookiesOf(res)) jar.set(name, value);
  return { cookie: cookieHeader(jar) };
}

/**
 * Fetches a page as the signed-in person, alone: its size and time. Refuses anything but a 200
 * with HTML.
 */
export async function fetchPage(
  url: string,
  headers: Record<string, string>,
): Promise<{ bytes: number; ms: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(url, { headers, redirect: 'manual' });
  const body = await res.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 200 || !/<html/i.test(body)) {
    throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
  }
  return { bytes: Buffer.byteLength(body), ms };
}
