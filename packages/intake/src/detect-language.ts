import type { Language } from './model.ts';

/**
 * Language by script, then function words: Arabic letters mean Arabic; kana mean Japanese; Han without
 * kana is Chinese unless Japanese-only forms outweigh simplified-only ones; else English.
 */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  let latin = 0;
  let arabic = 0;
  let kana = 0;
  let han = 0;
  let zhMarks = 0;
  let jaMarks = 0;
  const limit = Math.min(text.length, 20_000);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if (c >= 0x0600 && c <= 0x06ff) arabic++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      const ch = text[i] as string;
      if (SIMPLIFIED_ONLY.includes(ch)) zhMarks++;
      if (JAPANESE_ONLY.includes(ch)) jaMarks++;
    }
  }
  const cjk = kana + han;
  // A Latin letter carries less than a character of the other scripts (one word ≈ 5 letters).
  const scores: [Language, number][] = [
    ['en', latin / 5],
    ['ar', arabic / 4],
    ['ja', kana > 0 && kana >= cjk * 0.05 ? cjk : jaMarks > zhMarks ? han : 0],
    ['zh', kana > 0 && kana >= cjk * 0.05 ? 0 : jaMarks > zhMarks ? 0 : han],
  ];
  const best = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : fallback;
}

// Function words and characters that occur in one of the two languages only.
const SIMPLIFIED_ONLY = '的了们这个为说产发关实经业门过还进动时务贸协议签于从并该设备项资输际济';
const JAPANESE_ONLY = '経済産業発関実証拠際円輸鉱枠込働畑峠';
