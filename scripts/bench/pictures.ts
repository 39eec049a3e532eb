// Pictures for the bench's pushes. A real camera's every push carries new JPEGs; the demo's are
// the same two files each time, and the media store keeps photos by content hash, so sending
// them unchanged would write (and fsync) each photo once and skip it for the other 499 pushes.
// Each push therefore gets its own bytes: a JPEG comment naming the event, right after the
// start-of-image marker, keeps the file a valid JPEG.

const SOI = Buffer.from([0xff, 0xd8]);
const COM = Buffer.from([0xff, 0xfe]);

/** The JPEG with a comment segment (COM) holding `text` inserted after its SOI marker. */
export function withComment(jpeg: Buffer, text: string): Buffer {
  if (!jpeg.subarray(0, 2).equals(SOI)) throw new Error('not a JPEG: no start-of-image marker');

  const payload = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2); // the length counts its own two bytes
  return Buffer.concat([SOI, COM, length, payload, jpeg.subarray(2)]);
}

export function uniquePictures(
  images: { plate: Buffer; scene: Buffer },
  eventId: string,
): { plate: Buffer; scene: Buffer } {
  return {
    plate: withComment(images.plate, `bench ${eventId} plate`),
    scene: withComment(images.scene, `bench ${eventId} scene`),
  };
}
