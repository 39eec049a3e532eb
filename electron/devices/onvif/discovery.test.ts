import { describe, expect, it } from 'vitest';
import { probeMessage, readProbeMatches } from './discovery.ts';

const ID = '6f1d2c3b-0000-4000-8000-000000000001';

/** A ProbeMatches as a Hikvision camera words it: prefixes of its own, two XAddrs, scopes. */
const HIK_ANSWER = '<?xml version="1.0" encoding="UTF-8"?>' +
  '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" ' +
  'xmlns:wsadis="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
  'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><env:Header>' +
  '<wsadis:MessageID>urn:uuid:a</wsadis:MessageID>' +
  `<wsadis:RelatesTo>uuid:${ID}</wsadis:RelatesTo></env:Header><env:Body>` +
  '<d:ProbeMatches><d:ProbeMatch><d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>' +
  '<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/HIKVISION%20' +
  'DS-2CD7A26 onvif://www.onvif.org/hardware/DS-2CD7A26G0</d:Scopes>' +
  '<d:XAddrs>http://192.0.2.64/onvif/device_service http://[fe80::1]/onvif/device_service' +
  '</d:XAddrs></d:ProbeMatch></d:ProbeMatches></env:Body></env:Envelope>';

describe('reading WS-Discovery answers', () => {
  it('takes the first device address and the name and hardware scopes', () => {
    expect(readProbeMatches(HIK_ANSWER, ID)).toEqual([{
      url: 'http://192.0.2.64/onvif/device_service', name: 'HIKVISION DS-2CD7A26',
      hardware: 'DS-2CD7A26G0' }]);
  });

  it('ignores answers to another probe and answers that are not XML', () => {
    expect(readProbeMatches(HIK_ANSWER, 'another-probe')).toEqual([]);
    expect(readProbeMatches('<env:Envelope><unclosed>', ID)).toEqual([]);
    expect(readProbeMatches('\u0000\u0001 not xml at all', ID)).toEqual([]);
  });

  it('asks for video transmitters in a probe that names its message id', () => {
    const probe = probeMessage(ID);
    expect(probe).toContain(`<w:MessageID>uuid:${ID}</w:MessageID>`);
    expect(probe).toContain('<d:Types>dn:NetworkVideoTransmitter</d:Types>');
  });
});
