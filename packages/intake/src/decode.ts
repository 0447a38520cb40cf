/**
 * Bytes to text for the intake, with clear refusals: empty input, binary data and oversized input are
 * errors; UTF-16 with a byte-order mark is decoded; invalid UTF-8 (a page saved in two encodings) is
 * decoded with U+FFFD for each bad sequence and a warning saying how many.
 */
import { err, ok, type Result } from '@lodestone/core';

/** The largest document read: far above any notice or article, small enough to answer in seconds. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export interface DecodeIssue {
  readonly code: 'empty-input' | 'binary-input' | 'input-too-large';
  readonly file: string;
  readonly message: string;
}

export interface DecodedText {
  readonly text: string;
  readonly warnings: string[];
}

/** Decodes one file's bytes, or says why it cannot be read as text. */
export function decodeInput(
  bytes: Uint8Array,
  file: string,
  maxBytes = MAX_INPUT_BYTES,
): Result<DecodedText, DecodeIssue> {
  if (bytes.length > maxBytes)
    return err({
      code: 'input-too-large',
      file,
      message: `${(bytes.length / 1048576).toFixed(1)} MB is above the ${(maxBytes / 1048576).toFixed(0)} MB limit for one document; split it`,
    });
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    return text.trim() === '' ? err({ code: 'empty-input', file, message: 'no text' }) : ok({ text, warnings: [] });
  }
  const sample = bytes.subarray(0, 65_536);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) control++;
  if (sample.includes(0) || control > sample.length * 0.1)
    return err({
      code: 'binary-input',
      file,
      message: 'binary data, not text (NUL or control bytes); give a text or HTML file',
    });
  const warnings: string[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.split('\uFFFD').length - 1;
    warnings.push(`${bad} invalid UTF-8 sequence(s) replaced with U+FFFD; text in another encoding is not read`);
  }
  if (text.replace(/^\uFEFF/, '').trim() === '')
    return err({ code: 'empty-input', file, message: 'the file is empty' });
  return ok({ text: text.replace(/^\uFEFF/, ''), warnings });
}
