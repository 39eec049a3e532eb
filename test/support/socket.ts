// Opening a WebSocket the way a page does and saying how the server answered the upgrade.
import WebSocket from 'ws';

/**
 * `'open'` when the server took the socket (it is closed again at once), else the HTTP status
 * it refused the upgrade with, or the error that ended the attempt.
 */
export function upgradeOutcome(url: string, origin?: string): Promise<string> {
  const socket = new WebSocket(url, origin === undefined ? {} : { origin });
  return new Promise<string>((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(String(res.statusCode));
    });
    socket.once('error', (err) => resolve(err.message));
  });
}
