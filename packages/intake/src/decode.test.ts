import { describe, expect, it } from 'vitest';
import { decodeInput } from './decode.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeInput', () => {
  it('reads UTF-8, dropping a byte-order mark', () => {
    expect(decodeInput(bytes([0xef, 0xbb, 0xbf], '日本'), 'a.txt')).toEqual({
      ok: true,
      value: { text: '日本', warnings: [] },
    });
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('الصين', 'utf16le')]);
    expect(decodeInput(le, 'a.txt')).toMatchObject({ ok: true, value: { text: 'الصين' } });
  });

  it('refuses empty and blank files', () => {
    expect(decodeInput(new Uint8Array(), 'e.txt')).toMatchObject({
      ok: false,
      error: { code: 'empty-input', file: 'e.txt' },
    });
    expect(decodeInput(bytes(' \n\t '), 'e.txt')).toMatchObject({ ok: false, error: { code: 'empty-input' } });
  });

  it('refuses binary data', () => {
    expect(decodeInput(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'x.png')).toMatchObject({
      ok: false,
      error: { code: 'binary-input' },
    });
  });

  it('replaces invalid UTF-8 (a second encoding mixed in) and says how many sequences', () => {
    const r = decodeInput(bytes('gallium ', [0x82, 0xa0, 0x82, 0xa2], ' 镓'), 'm.txt');
    expect(r).toEqual({
      ok: true,
      value: {
        text: 'gallium \uFFFD\uFFFD\uFFFD\uFFFD 镓',
        warnings: ['4 invalid UTF-8 sequence(s) replaced with U+FFFD; text in another encoding is not read'],
      },
    });
  });

  it('refuses input above the size limit', () => {
    expect(decodeInput(new Uint8Array(2048), 'big.txt', 1024)).toMatchObject({
      ok: false,
      error: { code: 'input-too-large', file: 'big.txt' },
    });
  });
});
