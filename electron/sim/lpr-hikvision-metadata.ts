// The plate facts of a simulated Hikvision alert, in the container the camera is set to write:
// the ANPR element most firmware sends, or the Metadata variant (subType ANPR) whose properties
// are named licensePlate, plateType, plateColor, vehicleColor, vehicleType, confidence and
// direction. The Metadata nesting is written from the property names alone (devices.md §1.2):
// a PropertyList of Property entries, each a description and a value. The push and the
// alertStream simulators both write their alert's plate facts through here.
import { escapeXml } from './onvif-responder-xml.ts';

export interface AlertPlateFacts {
  plate: string;
  /** ISAPI colour word: blue, yellow, white, black, green, … */
  color: string;
  confidence: number;
  /** Write the Metadata variant instead of the ANPR element. */
  metadata?: boolean;
}

/** What the simulated camera says of the vehicle besides its plate (Metadata only). */
const VEHICLE = { plateType: 'yellowTwoLine', vehicleColor: 'white', vehicleType: 'truck' };

/** The ANPR element or the ANPR Metadata element, as lines of XML. */
export function alertPlateXml(f: AlertPlateFacts): string[] {
  if (!f.metadata) {
    return [
      '<ANPR>',
      '<country>3</country>',
      `<licensePlate>${escapeXml(f.plate)}</licensePlate>`,
      '<line>1</line>',
      '<direction>forward</direction>',
      `<confidenceLevel>${f.confidence}</confidenceLevel>`,
      `<plateColor>${escapeXml(f.color)}</plateColor>`,
      '</ANPR>',
    ];
  }

  const properties: [string, string][] = [
    ['licensePlate', f.plate], ['plateType', VEHICLE.plateType], ['plateColor', f.color],
    ['vehicleColor', VEHICLE.vehicleColor], ['vehicleType', VEHICLE.vehicleType],
    ['confidence', String(f.confidence)], ['direction', 'forward'],
  ];
  return [
    '<Metadata>',
    '<subType>ANPR</subType>',
    `<PropertyList size="${properties.length}">`,
    ...properties.map(([name, value]) =>
      `<Property><description>${name}</description><value>${escapeXml(value)}</value></Property>`),
    '</PropertyList>',
    '</Metadata>',
  ];
}
