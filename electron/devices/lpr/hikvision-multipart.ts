// The multipart half of a Hikvision listening-mode push: streams the body through busboy and
// keeps the anpr.xml part and the picture parts as raw bytes. It knows part names, not XML.
import busboy from 'busboy';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { capBytes, type ByteSource } from './body.ts';
import type { ImageKind, PlateImage } from './plate-read.ts';

/** The part holding the EventNotificationAlert; firmware sends it with or without a filename. */
const XML_PART = 'anpr.xml';

/** Picture parts of an ANPR push, by part name (lower case); other parts are read and dropped. */
export const IMAGE_PARTS: ReadonlyMap<string, ImageKind> = new Map([
  ['licenseplatepicture.jpg', 'plate'],
  ['detectionpicture.jpg', 'scene'],
  ['vehiclepicture.jpg', 'vehicle'],
]);

/** A push carries the XML and at most three pictures; a few spare, then it is not a camera. */
const MAX_PARTS = 12;

export interface HikvisionParts {
  xml: Buffer | null;
  images: PlateImage[];
}

/** Thrown when the body holds more parts than a camera ever sends. */
export class TooManyPartsError extends Error {
  constructor() {
    super(`more than ${MAX_PARTS} multipart parts`);
    this.name = 'TooManyPartsError';
  }
}

/**
 * Reads every part of the body. Throws BodyTooLargeError past the cap, TooManyPartsError, or
 * busboy's own error for a malformed or truncated body ("Unexpected end of form").
 */
export async function readHikvisionParts(
  headers: IncomingHttpHeaders,
  body: ByteSource,
  maxBytes: number,
): Promise<HikvisionParts> {
  const parser = busboy({ headers, limits: { parts: MAX_PARTS, fieldSize: maxBytes } });
  const parts: RawPart[] = [];
  let tooMany = false;

  parser.on('file', (name, stream, info) => {
    const part: RawPart = { name: partName(name, info.filename), mime: info.mimeType, chunks: [] };
    parts.push(part);
    stream.on('data', (chunk: Buffer) => part.chunks.push(chunk));
    // A truncated part errors here and on the parser; the parser's error is the one we report.
    stream.on('error', () => undefined);
  });
  parser.on('field', (name, value, info) => {
    parts.push({ name: partName(name), mime: info.mimeType, chunks: [Buffer.from(value, 'utf8')] });
  });
  parser.on('partsLimit', () => {
    tooMany = true;
  });

  await pipeline(Readable.from(capBytes(body, maxBytes)), parser);
  if (tooMany) throw new TooManyPartsError();

  return sortParts(parts);
}

interface RawPart {
  name: string;
  mime: string;
  chunks: Buffer[];
}

function sortParts(parts: RawPart[]): HikvisionParts {
  const result: HikvisionParts = { xml: null, images: [] };

  for (const part of parts) {
    const bytes = Buffer.concat(part.chunks);
    if (part.name === XML_PART && result.xml === null) {
      result.xml = bytes;
      continue;
    }

    const kind = IMAGE_PARTS.get(part.name);
    if (!kind || bytes.length === 0) continue;
    const mime = part.mime.startsWith('image/') ? part.mime : 'image/jpeg';
    result.images.push({ kind, mime, bytes });
  }
  return result;
}

/** Firmware names a part by its form name, its filename, or both; either identifies it. */
function partName(name: string, filename?: string): string {
  const byName = name.toLowerCase();
  if (isKnownPart(byName) || !filename) return byName;
  return filename.toLowerCase();
}

function isKnownPart(name: string): boolean {
  return name === XML_PART || IMAGE_PARTS.has(name);
}
