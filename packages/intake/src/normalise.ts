/**
 * Normalisation: Unicode NFKC (full-width digits and letters become ASCII, half-width kana full-width),
 * Arabic diacritics and tatweel removed, invisible characters dropped, whitespace tidied. The result is
 * the text every offset points into. Beside it, a folded `key` of exactly the same length is what the
 * matchers read: lower case, Arabic letter variants merged (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي) and
 * Arabic-Indic digits as ASCII, so a match in the key is a span of the text.
 */

// Arabic harakat, tanween, shadda, sukun, dagger alef, Quranic marks; tatweel.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
// Zero-width and bidi controls, soft hyphen, C0 controls other than tab and newline.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The display form of a piece of text: every offset the intake reports points into this. */
export function normaliseText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(ARABIC_MARKS, '')
    .replace(INVISIBLE, '')
    .replace(/[ \t\u00A0\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const FOLD: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ؤ: 'و',
  ئ: 'ي',
  '،': ',',
  '؛': ';',
  '٫': '.',
  '٬': ',',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
};

function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 48);
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 48);
  const folded = FOLD[c];
  if (folded !== undefined) return folded;
  const lower = c.toLowerCase();
  return lower.length === c.length ? lower : c;
}

/** The matching form of normalised text: same length, so offsets carry over unchanged. */
export function foldKey(text: string): string {
  return text.replace(/[A-Z\u0080-\uFFFF]/g, foldChar);
}
