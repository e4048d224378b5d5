/**
 * Delete a category's cookies when it is revoked. Vendors set them on the registrable domain (Google Analytics:
 * `.example.com`) or on a sub-path, and a cookie can only be deleted with the domain and path it was set with, which
 * document.cookie does not reveal: so expire each match on the host, every parent domain, and every path prefix.
 */
export function deleteCookies(
  doc: Document,
  loc: { hostname: string; pathname: string },
  patterns: readonly RegExp[],
): string[] {
  if (!patterns.length) return [];
  let jar = '';
  try {
    jar = doc.cookie;
  } catch {
    return [];
  }
  const names = jar
    .split(/;\s*/)
    .map((kv) => kv.slice(0, kv.indexOf('=') >>> 0))
    .filter((n) => n && patterns.some((p) => ((p.lastIndex = 0), p.test(n))));
  if (!names.length) return [];
  const labels = loc.hostname.split('.');
  const domains: Array<string | null> = [null];
  // 'a.b.example.com' → a.b.example.com, b.example.com, example.com; the browser refuses public suffixes itself.
  for (let i = 0; i < labels.length - 1; i++) domains.push(labels.slice(i).join('.'));
  const paths = ['/'];
  const parts = loc.pathname.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const p = '/' + parts.slice(0, i).join('/');
    paths.push(p, p + '/');
  }
  for (const name of new Set(names))
    for (const d of domains)
      for (const p of paths)
        doc.cookie = `${name}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=${p}${d ? '; Domain=' + d : ''}`;
  return names;
}
