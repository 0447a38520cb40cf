/**
 * The web-standard decoder; declared here because the core compiles against the ES library only
 * (no DOM, no Node types), while every runtime the core targets provides it.
 */
declare const TextDecoder: new (
  label?: string,
  options?: { readonly fatal?: boolean; readonly ignoreBOM?: boolean },
) => { decode(input: Uint8Array): string };

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
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
