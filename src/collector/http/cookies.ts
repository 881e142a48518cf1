/** The value of cookie `name` in a request, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const nameEnd = part.indexOf('=');
    if (nameEnd > 0 && part.slice(0, nameEnd).trim() === name) return part.slice(nameEnd + 1).trim();
  }
  return undefined;
}
