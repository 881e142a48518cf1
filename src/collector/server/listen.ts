import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts listening, with a message that names the port and the setting when it is taken.
 * @returns the port actually bound (PORT=0 picks a free one)
 */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is already in use (another collector or demo?). Stop it, or set PORT.`)
          : error,
      );
    server.once('error', failed).listen(port, host, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
