// Hikvision ISAPI listening-mode push → PushResult. The camera POSTs multipart/form-data: an
// anpr.xml part (EventNotificationAlert) and JPEG parts. The XML namespace differs by firmware
// (isapi.org vs hikvision.com), so elements are read with their namespace prefix removed.
import type { IncomingHttpHeaders } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BodyTooLargeError, readCapped, type ByteSource } from './body.ts';
import { charsetOfXmlDeclaration, decodeText } from './charset.ts';
import { plateColorFor } from './colors.ts';
import { anprFactsOf, isNode, text, type XmlNode } from './hikvision-anpr.ts';
import {
  readHikvisionParts, TooManyPartsError, type HikvisionParts,
} from './hikvision-multipart.ts';
import { isNoPlate, normalisePlate } from './plate.ts';
import type { PlateImage } from './plate-read.ts';
import { pushError, type PushContext, type PushResult } from './push-result.ts';

const MULTIPART = /^\s*multipart\/form-data\b/i;

/**
 * Firmware set to upload pictures as URLs (`uploadImagesDataType`) posts the alert alone, as
 * XML or JSON; the read then comes without pictures.
 */
const BARE_ALERT = /^\s*(application|text)\/(xml|json)\b/i;

/**
 * Offset assumed for a dateTime that carries none: cameras at these gates run on Beijing time
 * (no daylight saving), and a missing offset is firmware omitting it, not UTC.
 */
const OFFSET_WHEN_MISSING = '+08:00';

const xmlParser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
});

export type { XmlNode };

export async function parseHikvisionPush(
  headers: IncomingHttpHeaders,
  body: ByteSource,
  ctx: PushContext,
): Promise<PushResult> {
  const type = headers['content-type'] ?? '';
  if (BARE_ALERT.test(type)) return parseBareAlert(body, ctx);
  if (!MULTIPART.test(type)) {
    return pushError(415, `expected multipart/form-data, got ${type || 'none'}`);
  }

  let parts: HikvisionParts;
  try {
    parts = await readHikvisionParts(headers, body, ctx.maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError || err instanceof TooManyPartsError) {
      return pushError(413, err.message);
    }
    return pushError(400, `bad multipart body: ${(err as Error).message}`);
  }
  if (!parts.xml) return pushError(400, 'no anpr.xml part');

  const alert = parseAlertDocument(parts.xml);
  if (typeof alert === 'string') return pushError(400, alert);

  return interpretAlert(alert, parts.images, ctx);
}

async function parseBareAlert(body: ByteSource, ctx: PushContext): Promise<PushResult> {
  let bytes: Buffer;
  try {
    bytes = await readCapped(body, ctx.maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return pushError(413, err.message);
    throw err;
  }
  const alert = parseAlertDocument(bytes);
  return typeof alert === 'string' ? pushError(400, alert) : interpretAlert(alert, [], ctx);
}

/**
 * The EventNotificationAlert of an XML part (or of a JSON one: firmware set to JSON sends the
 * same fields as an object), or a message saying why the part is not one. The XML's own
 * encoding declaration is honoured (GB2312 on HCNetSDK-era firmware); without one, bytes that
 * are not UTF-8 are read as GB18030.
 */
export function parseAlertDocument(bytes: Buffer): XmlNode | string {
  const text = decodeText(bytes, charsetOfXmlDeclaration(bytes)).text.trim();
  if (text.startsWith('{')) return parseJsonAlert(text);
  if (!text.startsWith('<')) return 'anpr.xml part is not XML';
  // Cameras never send a DTD; refusing one keeps entity expansion out of the parser.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return 'anpr.xml part carries a DTD';
  if (XMLValidator.validate(text) !== true) return 'anpr.xml part is not well-formed XML';

  const doc = xmlParser.parse(text) as XmlNode;
  const alert = doc.EventNotificationAlert;
  if (!isNode(alert)) return 'anpr.xml holds no EventNotificationAlert';
  return alert;
}

function parseJsonAlert(text: string): XmlNode | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'alert part is neither XML nor JSON';
  }
  if (!isNode(doc)) return 'JSON alert is not an object';
  const inner = doc.EventNotificationAlert;
  return isNode(inner) ? inner : doc;
}

/** What one alert (with the pictures that came with it) means: a read, heartbeat or no plate. */
export function interpretAlert(
  alert: XmlNode, images: PlateImage[], ctx: Pick<PushContext, 'cameraId' | 'receivedAt'>,
): PushResult {
  const deviceSerial = text(alert.macAddress);
  const vendorEventId = text(alert.UUID);
  const eventType = text(alert.eventType)?.toLowerCase();
  const eventState = text(alert.eventState)?.toLowerCase();

  if (eventState === 'inactive' || eventType === 'heartbeat') {
    return { kind: 'heartbeat', deviceSerial };
  }

  // The ANPR element, or the Metadata variant (subType ANPR) of other firmware: same facts.
  const facts = anprFactsOf(alert);
  if (!facts) return pushError(400, `event ${eventType ?? '?'} carries no ANPR element`);

  const rawPlate = facts.plate;
  if (rawPlate === null || isNoPlate(rawPlate)) {
    return { kind: 'no-plate', deviceSerial, vendorEventId };
  }

  const rawColor = facts.color;
  return {
    kind: 'read',
    read: {
      cameraId: ctx.cameraId,
      vendor: 'hikvision',
      plate: normalisePlate(rawPlate),
      plateColor: plateColorFor('hikvision', rawColor),
      rawPlateColor: rawColor,
      confidence: percent(facts.confidence),
      // TODO(#3): keep the vendor's motion direction (forward/reverse); in/out is the lane's.
      direction: 'unknown',
      capturedAt: isoToUtcMs(text(alert.dateTime)) ?? ctx.receivedAt,
      vendorEventId,
      isOfflineReplay: false,
      deviceSerial,
      images,
    },
  };
}

/** ISO-8601 camera time → UTC epoch ms; null when absent or unreadable. */
export function isoToUtcMs(value: string | null): number | null {
  if (!value) return null;

  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const withOffset = hasOffset
    ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    : `${value}${OFFSET_WHEN_MISSING}`;
  const ms = Date.parse(withOffset);
  return Number.isFinite(ms) ? ms : null;
}

function percent(value: string | null): number | null {
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

/** How many pictures the alert says follow it (`picNum`); 0 when it does not say. */
export function picturesAnnounced(alert: XmlNode): number {
  const n = Number(text(alert.picNum));
  return Number.isInteger(n) && n > 0 ? n : 0;
}
