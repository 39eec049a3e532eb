// The Origin header's checks: a page of this host, the desktop window's file page, or no page.
import { describe, expect, it } from 'vitest';
import { isFilePage, isSameOrigin } from './page-origin.ts';

describe('a page of this host', () => {
  it('names the host and port the request went to, or sends no origin', () => {
    expect(isSameOrigin('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(isSameOrigin(undefined, '127.0.0.1:8080')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:9090', '127.0.0.1:8080')).toBe(false);
    expect(isSameOrigin('http://evil.example', '127.0.0.1:8080')).toBe(false);
  });

  it('is never an opaque origin, which names no host', () => {
    expect(isSameOrigin('null', '127.0.0.1:8080')).toBe(false);
    expect(isSameOrigin('file://', '')).toBe(false);
    expect(isSameOrigin('file://', undefined)).toBe(false);
  });
});

describe("the desktop window's page", () => {
  it('is a file page, or sends no origin', () => {
    expect(isFilePage('file://')).toBe(true);
    expect(isFilePage('null')).toBe(true);
    expect(isFilePage(undefined)).toBe(true);
    expect(isFilePage('http://127.0.0.1:8080')).toBe(false);
    expect(isFilePage('file://evil')).toBe(false);
  });
});
