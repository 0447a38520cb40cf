/**
 * The web-standard decoder; declared here because the core compiles against the ES library only
 * (no DOM, no Node types), while every runtime the core targets provides it.
 */
declare const TextDecoder: new (
  label?: string,
  options?: { readonly fatal?: boolean; readonly ignoreBOM?: boolean },
) => { decode(input: Uint8Array): string };

/**
 * Windows-1252 bytes 0x80–0x9F as the WHATWG Encoding Standard maps them; the five bytes it leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 code point of the same value.
 */
const C1_BLOCK = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * Windows-1252 through `TextDecoder`, with the 0x80–0x9F block mapped again: Node.js from 20.18.3
 * (and 22.13, 24.0) decodes the `windows-1252` label as Latin-1, turning 0x97 into U+0097 instead
 * of an em dash (nodejs/node issues 56542 and 60888). On a correct runtime the second step changes
 * nothing.
 */
const decodeWindows1252 = (bytes: Uint8Array): string =>
  new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009F]/g, (c) => String.fromCharCode(C1_BLOCK[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)));

/**
 * Decodes the bytes of a data release: strict UTF-8 (a byte-order mark is dropped) and, when the
 * bytes are not valid UTF-8, Windows-1252, the encoding of the USGS MCS 2026 release (em dashes
 * arrive as 0x97, "Côte d’Ivoire" as 0xF4 and 0x92). Windows-1252 accepts every byte, so this
 * never fails; text in any other legacy encoding would come out as the wrong characters.
 */
export function decodeReleaseText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return decodeWindows1252(bytes);
  }
}
