// Which pushes are the setup wizard's test pushes (issue #3). Nothing in a push can say so: a
// camera sends what it likes, so a flag, a header, a plate or an event id would let a camera
// mark its own reads as tests and keep them off the platform and out of the cap. What no camera
// can forge is the connection itself. The test push is sent over a socket this process opened
// to its own listener; while that socket lives, its local address and port name it uniquely
// (TCP allows one connection per address pair), and the listener sees them as the sender's.
import { connect, type Socket } from 'node:net';

/** `address|port` of each test socket this process holds open to its own listener. */
const open = new Set<string>();

const IPV4_MAPPED = /^::ffff:/i;

function keyOf(address: string | undefined, port: number | undefined): string | null {
  if (!address || !port) return null;
  return `${address.replace(IPV4_MAPPED, '').toLowerCase()}|${port}`;
}

/**
 * A socket to our own LPR listener that marks what it carries as a test push. It is known from
 * the moment it connects, before a byte is sent, until it closes.
 */
export function openTestConnection(host: string, port: number): Socket {
  const socket = connect({ host, port });
  let key: string | null = null;

  socket.once('connect', () => {
    key = keyOf(socket.localAddress, socket.localPort);
    if (key) open.add(key);
  });
  socket.once('close', () => {
    if (key) open.delete(key);
  });
  return socket;
}

/** True when the request's sender is a test socket this process opened (openTestConnection). */
export function isTestConnection(socket: Socket): boolean {
  const key = keyOf(socket.remoteAddress, socket.remotePort);
  return key !== null && open.has(key);
}
