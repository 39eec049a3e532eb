// The bytes of the event streams cameras serve: Hikvision's alertStream (an alert part, then its
// picture parts; heartbeats as inactive alerts) and Dahua's attach streams (`Code=…;data={json}`
// text parts, `Heartbeat` parts, a JPEG part per event on snapManager). The camera stream
// simulator writes them; the tests feed them to the parsers whole and one byte at a time.
import { alertPlateXml } from './lpr-hikvision-metadata.ts';
import { HIKVISION_NAMESPACES } from './lpr-sender.ts';

const CRLF = '\r\n';

export const HIKVISION_STREAM_BOUNDARY = 'boundary';
export const DAHUA_STREAM_BOUNDARY = 'myboundary';

export interface HikvisionStreamAlert {
  plate: string;
  color: string;
  uuid: string;
  dateTime: string;
  mac: string;
  images: { plate?: Buffer; scene?: Buffer };
  namespace?: string;
  /** Leave Content-Length out of every part, as some firmware does. */
  noLength?: boolean;
  /** Write the plate facts as the Metadata variant (subType ANPR). */
  metadata?: boolean;
}

/** One ANPR alert part and its picture parts, each opened by a boundary line. */
export function hikvisionAlertParts(a: HikvisionStreamAlert): Buffer {
  const pictures: [string, Buffer][] = [];
  if (a.images.plate) pictures.push(['licensePlatePicture.jpg', a.images.plate]);
  if (a.images.scene) pictures.push(['detectionPicture.jpg', a.images.scene]);

  const ns = a.namespace ?? HIKVISION_NAMESPACES.isapi;
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<EventNotificationAlert version="2.0" xmlns="${ns}">`,
    `<ipAddress>192.0.2.21</ipAddress><macAddress>${a.mac}</macAddress>`,
    `<channelID>1</channelID><dateTime>${a.dateTime}</dateTime>`,
    '<activePostCount>1</activePostCount><eventType>ANPR</eventType>',
    '<eventState>active</eventState><eventDescription>ANPR</eventDescription>',
    `<UUID>${a.uuid}</UUID><picNum>${pictures.length}</picNum>`,
    ...alertPlateXml({ plate: a.plate, color: a.color, confidence: 95, metadata: a.metadata }),
    '</EventNotificationAlert>',
  ].join(CRLF);

  const parts = [part(HIKVISION_STREAM_BOUNDARY,
    ['Content-Type: application/xml; charset="UTF-8"'], Buffer.from(xml), a.noLength)];
  for (const [name, bytes] of pictures) {
    parts.push(part(HIKVISION_STREAM_BOUNDARY, [
      `Content-Disposition: form-data; name="${name}"; filename="${name}"`,
      'Content-Type: image/jpeg',
    ], bytes, a.noLength));
  }
  return Buffer.concat(parts);
}

/** The heartbeat a Hikvision camera sends on an idle stream: an inactive videoloss alert. */
export function hikvisionHeartbeatPart(mac: string, dateTime: string, namespace?: string): Buffer {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<EventNotificationAlert version="2.0" xmlns="${namespace ?? HIKVISION_NAMESPACES.isapi}">`,
    `<ipAddress>192.0.2.21</ipAddress><macAddress>${mac}</macAddress>`,
    `<channelID>1</channelID><dateTime>${dateTime}</dateTime><activePostCount>0</activePostCount>`,
    '<eventType>videoloss</eventType><eventState>inactive</eventState>',
    '<eventDescription>videoloss alarm</eventDescription>',
    '</EventNotificationAlert>',
  ].join(CRLF);
  return part(HIKVISION_STREAM_BOUNDARY, ['Content-Type: application/xml; charset="UTF-8"'],
    Buffer.from(xml));
}

export interface DahuaStreamEvent {
  plate: string;
  color: string;
  /** Local wall-clock time as epoch seconds (Dahua's `UTC`). */
  localUtc: number;
  groupId: number;
  eventId: number;
  index?: number;
  count?: number;
  confidence?: number;
}

/** One `Code=TrafficJunction;action=Pulse;index=0;data={…}` text part. */
export function dahuaEventPart(e: DahuaStreamEvent): Buffer {
  const data = {
    Class: 'Traffic', CountInGroup: e.count ?? 1, IndexInGroup: e.index ?? 1,
    EventID: e.eventId, GroupID: e.groupId, Lane: 1, Name: 'TrafficJunction',
    UTC: e.localUtc, UTCMS: 120, TimeZone: 13, JunctionDirection: 'Obverse',
    Object: { ObjectType: 'Plate', Text: e.plate, Confidence: e.confidence ?? 90 },
    TrafficCar: { PlateNumber: e.plate, PlateColor: e.color, PlateType: 'Yellow',
      VehicleColor: 'White', Speed: 8, Direction: 'Obverse' },
  };
  const text = `Code=TrafficJunction;action=Pulse;index=0;data=${JSON.stringify(data, null, 1)}`;
  return part(DAHUA_STREAM_BOUNDARY, ['Content-Type: text/plain'], Buffer.from(text));
}

export function dahuaHeartbeatPart(): Buffer {
  return part(DAHUA_STREAM_BOUNDARY, ['Content-Type: text/plain'], Buffer.from('Heartbeat'));
}

/** The picture snapManager sends after each event. */
export function dahuaPicturePart(jpeg: Buffer): Buffer {
  return part(DAHUA_STREAM_BOUNDARY, ['Content-Type: image/jpeg'], jpeg);
}

/** A boundary line with no part after it, as some firmware writes between events. */
export function strayBoundary(boundary: string): Buffer {
  return Buffer.from(`--${boundary}${CRLF}`);
}

function part(boundary: string, headers: string[], body: Buffer, noLength = false): Buffer {
  const head = [`--${boundary}`, ...headers];
  if (!noLength) head.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(head.join(CRLF) + CRLF + CRLF), body, Buffer.from(CRLF)]);
}
