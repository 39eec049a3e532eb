// The simulated camera's WS-Discovery side: it answers a Probe for NetworkVideoTransmitter
// with a ProbeMatch that names its device service, sent back to whoever probed (unicast), as
// real cameras do. It listens on a port of its own (0: any) and, for the training mode on a
// real camera LAN, can also join the WS-Discovery multicast group on 3702.
import { createSocket } from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { Logger } from '../log/logger.ts';
import { escapeXml } from './onvif-responder-xml.ts';
import { xmlPath } from '../devices/onvif/discovery.ts';

const MULTICAST_GROUP = '239.255.255.250';
const MULTICAST_PORT = 3702;

export interface DiscoveryResponder {
  port: number;
  stop(): Promise<void>;
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true,
  parseTagValue: false });

export async function startDiscoveryResponder(o: {
  host: string; port: number; multicast: boolean; deviceUrl: string; name: string; log: Logger;
}): Promise<DiscoveryResponder> {
  const endpoint = `urn:uuid:${randomUUID()}`;
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  socket.on('error', (err) => o.log.warn({ err }, 'onvif discovery socket error'));

  socket.on('message', (msg, rinfo) => {
    const messageId = probeId(msg.toString('utf8'));
    if (!messageId) return;
    const answer = probeMatches(messageId, endpoint, o.deviceUrl, o.name);
    socket.send(Buffer.from(answer), rinfo.port, rinfo.address);
    o.log.debug({ from: rinfo.address }, 'onvif discovery: answered a probe');
  });

  const bindAddress = o.multicast ? '0.0.0.0' : o.host;
  const bindPort = o.multicast ? MULTICAST_PORT : o.port;
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: bindAddress, port: bindPort }, () => resolve());
  });
  if (o.multicast) socket.addMembership(MULTICAST_GROUP, o.host === '0.0.0.0' ? undefined : o.host);

  return {
    port: socket.address().port,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** The MessageID of a Probe for video transmitters (or of an untyped probe), else null. */
function probeId(text: string): string | null {
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    return null;
  }
  const probe = xmlPath(doc, 'Envelope', 'Body', 'Probe');
  if (probe === undefined) return null;
  const types = String(xmlPath(probe, 'Types') ?? '');
  if (types && !/NetworkVideoTransmitter|Device/.test(types)) return null;
  const id = xmlPath(doc, 'Envelope', 'Header', 'MessageID');
  return typeof id === 'string' ? id.trim() : null;
}

function probeMatches(relatesTo: string, endpoint: string, deviceUrl: string, name: string) {
  const scopes = ['onvif://www.onvif.org/type/video_encoder',
    `onvif://www.onvif.org/name/${encodeURIComponent(name)}`,
    'onvif://www.onvif.org/hardware/GH-SIM', 'onvif://www.onvif.org/Profile/Streaming'];
  return '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ' +
    'xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><s:Header>' +
    `<a:MessageID>uuid:${randomUUID()}</a:MessageID>` +
    `<a:RelatesTo>${escapeXml(relatesTo)}</a:RelatesTo>` +
    '<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>' +
    '<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action>' +
    '</s:Header><s:Body><d:ProbeMatches><d:ProbeMatch>' +
    `<a:EndpointReference><a:Address>${endpoint}</a:Address></a:EndpointReference>` +
    '<d:Types>dn:NetworkVideoTransmitter</d:Types>' +
    `<d:Scopes>${escapeXml(scopes.join(' '))}</d:Scopes>` +
    `<d:XAddrs>${escapeXml(deviceUrl)}</d:XAddrs>` +
    '<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></s:Body>' +
    '</s:Envelope>';
}
