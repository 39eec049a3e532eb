// WS-Discovery of ONVIF cameras, one probe per network interface. A gate PC has two cards (the
// camera LAN and the office LAN) and a probe sent from the default route only reaches one of
// them, so each IPv4 address gets its own socket, bound to it, sending the multicast Probe out
// of that card. Addresses the installer names are probed by unicast too (cameras answer a
// directed probe on 3702), which finds cameras behind routers where multicast does not pass.
import { createSocket, type Socket } from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { XMLParser } from 'fast-xml-parser';

export const WS_DISCOVERY_ADDRESS = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;

export interface DiscoveredCamera {
  /** The first device service URL the camera announced. */
  url: string;
  /** The address the answer came from. */
  address: string;
  /** The local address of the probe that found it ('unicast' for a directed probe). */
  via: string;
  name: string | null;
  hardware: string | null;
}

export interface DiscoveryOptions {
  timeoutMs: number;
  /** Hosts (or host:port) to probe directly, beside the multicast probe on every interface. */
  unicast?: string[];
  /** Local IPv4 addresses to probe from; the machine's own interfaces when absent. */
  localAddresses?: string[];
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true,
  parseTagValue: false });

export function probeMessage(messageId: string): string {
  return '<?xml version="1.0" encoding="UTF-8"?>' +
    '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ' +
    'xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><e:Header>' +
    `<w:MessageID>uuid:${messageId}</w:MessageID>` +
    '<w:To e:mustUnderstand="true">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>' +
    '<w:Action e:mustUnderstand="true">' +
    'http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action></e:Header>' +
    '<e:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></e:Body>' +
    '</e:Envelope>';
}

export function localIpv4Addresses(): string[] {
  return Object.values(networkInterfaces()).flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

export async function discoverCameras(o: DiscoveryOptions): Promise<DiscoveredCamera[]> {
  const messageId = randomUUID();
  const probe = Buffer.from(probeMessage(messageId));
  const found = new Map<string, DiscoveredCamera>();
  const sockets: Socket[] = [];

  const listen = async (bindAddress: string, via: string): Promise<Socket> => {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    socket.on('error', () => undefined);
    socket.on('message', (msg, rinfo) => {
      for (const camera of readProbeMatches(msg.toString('utf8'), messageId)) {
        const key = camera.url;
        if (!found.has(key)) found.set(key, { ...camera, address: rinfo.address, via });
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address: bindAddress, port: 0 }, () => resolve());
    });
    sockets.push(socket);
    return socket;
  };

  for (const local of o.localAddresses ?? localIpv4Addresses()) {
    // An interface that cannot send multicast (down, no route) is skipped; the others go on.
    try {
      const socket = await listen(local, local);
      socket.setMulticastInterface(local);
      socket.send(probe, WS_DISCOVERY_PORT, WS_DISCOVERY_ADDRESS);
    } catch {
      continue;
    }
  }
  if (o.unicast?.length) {
    const socket = await listen('0.0.0.0', 'unicast');
    for (const target of o.unicast) {
      const [host, port] = splitHostPort(target);
      socket.send(probe, port, host);
    }
  }

  await new Promise((r) => setTimeout(r, o.timeoutMs));
  for (const s of sockets) s.close();
  return [...found.values()];
}

function splitHostPort(target: string): [string, number] {
  const m = /^(.+):(\d+)$/.exec(target.trim());
  return m ? [m[1]!, Number(m[2])] : [target.trim(), WS_DISCOVERY_PORT];
}

/** ProbeMatches answering our probe; an unreadable answer is ignored, not fatal. */
export function readProbeMatches(text: string, messageId: string):
  Array<Omit<DiscoveredCamera, 'address' | 'via'>> {
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    return [];
  }
  const relatesTo = String(xmlPath(doc, 'Envelope', 'Header', 'RelatesTo') ?? '');
  if (!relatesTo.endsWith(messageId)) return [];

  const matches = [xmlPath(doc, 'Envelope', 'Body', 'ProbeMatches', 'ProbeMatch') ?? []].flat();
  const out: Array<Omit<DiscoveredCamera, 'address' | 'via'>> = [];
  for (const match of matches) {
    const url = String(xmlPath(match, 'XAddrs') ?? '').trim().split(/\s+/)[0];
    if (!url) continue;
    const scopes = String(xmlPath(match, 'Scopes') ?? '').trim().split(/\s+/);
    const scope = (kind: string) => {
      const prefix = `onvif://www.onvif.org/${kind}/`;
      const found = scopes.find((x) => x.startsWith(prefix));
      return found ? decodeURIComponent(found.slice(prefix.length)) : null;
    };
    out.push({ url, name: scope('name'), hardware: scope('hardware') });
  }
  return out;
}

/** The value under a path of element names in a parsed document, or undefined. */
export function xmlPath(node: unknown, ...names: string[]): unknown {
  let here = node;
  for (const name of names) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[name];
  }
  return here;
}
