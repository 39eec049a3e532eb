import { describe, expect, it } from 'vitest';
import { SerialLinkError } from '../serial/serial-link.ts';
import { failureOf } from './barrier-failure.ts';
import { ModbusError } from './modbus-errors.ts';

describe('why a barrier did not open, as a kind the guard\'s page words', () => {
  it('follows the relay board\'s own failure', () => {
    const kinds = (['timeout', 'port', 'exception', 'crc', 'reply', 'closed'] as const)
      .map((failure) => failureOf(new ModbusError(failure, 'board said so')));

    expect(kinds).toEqual(['no-answer', 'link-down', 'refused', 'bad-reply', 'bad-reply',
      'stopped']);
  });

  it('follows a serial controller\'s link', () => {
    expect(failureOf(new SerialLinkError('port', 'serial port COM3 is closed')))
      .toBe('link-down');
    expect(failureOf(new SerialLinkError('timeout', 'answered nothing within 200 ms')))
      .toBe('no-answer');
  });

  it('reads a camera\'s network errors by their code or words', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:80'),
      { code: 'ECONNREFUSED' });

    expect(failureOf(refused)).toBe('link-down');
    expect(failureOf(new Error('no answer within 3000 ms'))).toBe('no-answer');
    expect(failureOf(new Error('socket hang up'))).toBe('other');
    expect(failureOf('a bare string')).toBe('other');
  });
});
