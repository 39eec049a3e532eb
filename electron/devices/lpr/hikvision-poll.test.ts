import { describe, expect, it } from 'vitest';
import { afterTimeBody, parsePlates } from './hikvision-poll.ts';

describe('Hikvision vehicleDetect/plates polling', () => {
  it('writes the cursor in the camera\'s compact Beijing time', () => {
    expect(afterTimeBody(Date.UTC(2024, 4, 1, 0, 15, 30, 999)))
      .toBe('<AfterTime version="2.0"><picTime>20240501T081530+0800</picTime></AfterTime>');
  });

  it('reads one plate given as an element and several given as a list', () => {
    const one = parsePlates('<Plates xmlns="http://www.hikvision.com/ver20/XMLSchema"><Plate>' +
      '<captureTime>20240501T081530+0800</captureTime><plateNumber>豫AO1234</plateNumber>' +
      '<plateColor>yellow</plateColor><picName>p1</picName></Plate></Plates>', 'cam-1');
    expect(one).toEqual([{ kind: 'read', read: expect.objectContaining({ plate: '豫A01234',
      plateColor: 'yellow', vendorEventId: 'p1', capturedAt: Date.UTC(2024, 4, 1, 0, 15, 30),
      images: [] }) }]);

    const two = parsePlates('<Plates><Plate><plateNumber>无车牌</plateNumber><picName>p2' +
      '</picName></Plate><Plate><plateNumber>豫A12345</plateNumber><picName>p3</picName>' +
      '<captureTime>2024-05-01T08:15:31+08:00</captureTime></Plate></Plates>', 'cam-1');
    expect(two.map((r) => r.kind)).toEqual(['no-plate', 'read']);
  });

  it('reads an empty answer as no plates', () => {
    expect(parsePlates('<Plates version="2.0"></Plates>', 'cam-1')).toEqual([]);
  });
});
