// The SOAP 1.2 bodies the simulated ONVIF device answers with: hand-written, the element names
// and nesting of the ONVIF device (tds) and media (trt) services, only what clients read.
export interface SimProfile {
  token: string;
  name: string;
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  streamUri: string;
}

export interface SimDevice {
  deviceUrl: string;
  mediaUrl: string;
  snapshotUrl: string;
  profiles: SimProfile[];
}

const NAMESPACES =
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope" ' +
  'xmlns:tds="http://www.onvif.org/ver10/device/wsdl" ' +
  'xmlns:trt="http://www.onvif.org/ver10/media/wsdl" ' +
  'xmlns:tt="http://www.onvif.org/ver10/schema" ' +
  'xmlns:ter="http://www.onvif.org/ver10/error"';

const VIDEO_SOURCE = 'video-source-1';

export function envelope(body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope ${NAMESPACES}>` +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** A SOAP 1.2 fault; `code` is s:Sender (the client's fault) or s:Receiver (ours). */
export function fault(code: 'Sender' | 'Receiver', subcode: string, reason: string): string {
  return envelope(
    `<s:Fault><s:Code><s:Value>s:${code}</s:Value>` +
      `<s:Subcode><s:Value>ter:${subcode}</s:Value></s:Subcode></s:Code>` +
      `<s:Reason><s:Text xml:lang="en">${escapeXml(reason)}</s:Text></s:Reason></s:Fault>`,
  );
}

export function systemDateAndTime(now: Date): string {
  const utc =
    `<tt:Time><tt:Hour>${now.getUTCHours()}</tt:Hour><tt:Minute>${now.getUTCMinutes()}` +
    `</tt:Minute><tt:Second>${now.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${now.getUTCFullYear()}</tt:Year><tt:Month>${now.getUTCMonth() + 1}` +
    `</tt:Month><tt:Day>${now.getUTCDate()}</tt:Day></tt:Date>`;
  return (
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>' +
    '<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>' +
    '<tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone>' +
    `<tt:UTCDateTime>${utc}</tt:UTCDateTime>` +
    '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'
  );
}

export function capabilities(device: SimDevice): string {
  return (
    '<tds:GetCapabilitiesResponse><tds:Capabilities>' +
    `<tt:Device><tt:XAddr>${escapeXml(device.deviceUrl)}</tt:XAddr></tt:Device>` +
    `<tt:Media><tt:XAddr>${escapeXml(device.mediaUrl)}</tt:XAddr><tt:StreamingCapabilities>` +
    '<tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP>' +
    '<tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>' +
    '</tds:Capabilities></tds:GetCapabilitiesResponse>'
  );
}

export function services(device: SimDevice): string {
  const service = (namespace: string, url: string): string =>
    `<tds:Service><tds:Namespace>${namespace}</tds:Namespace>` +
    `<tds:XAddr>${escapeXml(url)}</tds:XAddr>` +
    '<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>';
  return (
    '<tds:GetServicesResponse>' +
    service('http://www.onvif.org/ver10/device/wsdl', device.deviceUrl) +
    service('http://www.onvif.org/ver10/media/wsdl', device.mediaUrl) +
    '</tds:GetServicesResponse>'
  );
}

export function deviceInformation(serialNumber: string): string {
  return (
    '<tds:GetDeviceInformationResponse><tds:Manufacturer>Gatehouse</tds:Manufacturer>' +
    '<tds:Model>Demo gate camera</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion>' +
    `<tds:SerialNumber>${escapeXml(serialNumber)}</tds:SerialNumber>` +
    '<tds:HardwareId>sim</tds:HardwareId></tds:GetDeviceInformationResponse>'
  );
}

export function profiles(device: SimDevice): string {
  const main = device.profiles[0]!;
  const items = device.profiles.map(
    (p) =>
      `<trt:Profiles token="${p.token}" fixed="true"><tt:Name>${escapeXml(p.name)}</tt:Name>` +
      `<tt:VideoSourceConfiguration token="vsc-1"><tt:Name>video source</tt:Name>` +
      `<tt:UseCount>${device.profiles.length}</tt:UseCount>` +
      `<tt:SourceToken>${VIDEO_SOURCE}</tt:SourceToken>` +
      `<tt:Bounds x="0" y="0" width="${main.width}" height="${main.height}"/>` +
      '</tt:VideoSourceConfiguration>' +
      `<tt:VideoEncoderConfiguration token="vec-${p.token}"><tt:Name>${p.token}</tt:Name>` +
      '<tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding>' +
      `<tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height>` +
      '</tt:Resolution><tt:Quality>5</tt:Quality><tt:RateControl>' +
      `<tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit><tt:EncodingInterval>1` +
      `</tt:EncodingInterval><tt:BitrateLimit>${p.bitrateKbps}</tt:BitrateLimit>` +
      `</tt:RateControl><tt:H264><tt:GovLength>${p.fps}</tt:GovLength>` +
      '<tt:H264Profile>Baseline</tt:H264Profile></tt:H264>' +
      '<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>' +
      '</trt:Profiles>',
  );
  return `<trt:GetProfilesResponse>${items.join('')}</trt:GetProfilesResponse>`;
}

export function videoSources(device: SimDevice): string {
  const main = device.profiles[0]!;
  return (
    `<trt:GetVideoSourcesResponse><trt:VideoSources token="${VIDEO_SOURCE}">` +
    `<tt:Framerate>${main.fps}</tt:Framerate><tt:Resolution><tt:Width>${main.width}` +
    `</tt:Width><tt:Height>${main.height}</tt:Height></tt:Resolution>` +
    '</trt:VideoSources></trt:GetVideoSourcesResponse>'
  );
}

export function mediaUri(operation: 'GetStreamUri' | 'GetSnapshotUri', uri: string): string {
  return (
    `<trt:${operation}Response><trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri>` +
    '<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>' +
    '<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout>' +
    `</trt:MediaUri></trt:${operation}Response>`
  );
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
