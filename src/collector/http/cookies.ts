/** The value of cookie `name` in a request, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() == name) return part.slice(i + 1).trim();
  }
  return undefined;
}
