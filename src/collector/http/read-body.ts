import { HttpError } from './http-error';

/**
 * Reads a request body as UTF-8 text, refusing more than `maxBytes` without reading them all.
 * @throws {HttpError} 413 over the limit, 400 when the bytes are not UTF-8
 */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `body over ${maxBytes} bytes`, { connection: 'close' });
  if (Number(request.headers.get('content-length')) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        // Stop reading but do not cancel: cancelling can tear the connection down before the 413
        // goes out. The Node adapter drops the connection once the reply is sent.
        reader.releaseLock();
        throw tooLarge();
      }
      chunks.push(chunk.value);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'body is not UTF-8');
  }
}
