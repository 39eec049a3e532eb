// The plate facts of a Hikvision alert, from whichever container the firmware writes them in:
// the ANPR element (licensePlate, plateColor, confidenceLevel, direction), or the Metadata
// variant — a Metadata element with subType ANPR whose properties are named licensePlate,
// plateType, plateColor, vehicleColor, vehicleType, confidence and direction.
//
// The description we work from (devices.md §1.2) names the Metadata properties but not how they
// are nested. Both forms that description allows are read: a property as an element of that
// name anywhere below Metadata, and a Property entry pairing a name (`description` or `name`)
// with a `value`. The first value found for a property wins.

/** An element of the parsed alert (XML with namespace prefixes removed, or the JSON object). */
export type XmlNode = Record<string, unknown>;

export interface AnprFacts {
  /** The plate as the camera printed it; null when the alert names none. */
  plate: string | null;
  /** The camera's colour word (yellow, blue…); '' when absent. */
  color: string;
  /** Percent as text, still to be checked. */
  confidence: string | null;
  /** forward, reverse or unknown, as the camera says it. */
  direction: string | null;
}

/** The Metadata property names that carry plate facts, in lower case. */
const PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'licenseplate', 'platetype', 'platecolor', 'vehiclecolor', 'vehicletype', 'confidence',
  'direction',
]);

/** Metadata nests a property list a level or two deep; deeper than this is not a camera. */
const MAX_DEPTH = 6;

/** The plate facts of an ANPR alert, or null when it carries neither container. */
export function anprFactsOf(alert: XmlNode): AnprFacts | null {
  const anpr = alert.ANPR;
  if (isNode(anpr)) {
    return { plate: text(anpr.licensePlate), color: text(anpr.plateColor) ?? '',
      confidence: text(anpr.confidenceLevel), direction: text(anpr.direction) };
  }

  const metadata = anprMetadata(alert);
  if (!metadata) return null;
  const props = new Map<string, string>();
  collectProperties(metadata, props, 0);
  return { plate: props.get('licenseplate') ?? null, color: props.get('platecolor') ?? '',
    confidence: props.get('confidence') ?? null, direction: props.get('direction') ?? null };
}

/** Whether the alert carries a plate read in either container. */
export function carriesAnpr(alert: XmlNode): boolean {
  return isNode(alert.ANPR) || anprMetadata(alert) !== null;
}

/** The Metadata element whose subType is ANPR; firmware may send several Metadata elements. */
function anprMetadata(alert: XmlNode): XmlNode | null {
  for (const item of listOf(alert.Metadata)) {
    if (isNode(item) && text(item.subType)?.trim().toLowerCase() === 'anpr') return item;
  }
  return null;
}

function collectProperties(node: XmlNode, into: Map<string, string>, depth: number): void {
  if (depth > MAX_DEPTH) return;

  const named = text(node.description) ?? text(node.name);
  const value = text(node.value);
  if (named !== null && value !== null) keepFirst(into, named, value);

  for (const [key, child] of Object.entries(node)) {
    for (const item of listOf(child)) {
      if (isNode(item)) {
        collectProperties(item, into, depth + 1);
        continue;
      }
      const t = text(item);
      if (t !== null) keepFirst(into, key, t);
    }
  }
}

function keepFirst(into: Map<string, string>, name: string, value: string): void {
  const key = name.trim().toLowerCase();
  if (PROPERTY_NAMES.has(key) && !into.has(key)) into.set(key, value.trim());
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
