import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';
import { foldKey, normaliseText } from './normalise.ts';

describe('normaliseText', () => {
  it('turns full-width digits and letters into ASCII (NFKC)', () => {
    expect(normaliseText('２０２５年１０月９日 ＭＯＦＣＯＭ')).toBe('2025年10月9日 MOFCOM');
  });

  it('removes Arabic diacritics and tatweel, keeping the letters', () => {
    expect(normaliseText('وَقَّعَ')).toBe('وقع');
    expect(normaliseText('الصـــين')).toBe('الصين');
  });

  it('drops zero-width characters and tidies blank lines and spaces', () => {
    expect(normaliseText('a\u200Bb\r\n\n\n\nc \u3000 d')).toBe('ab\n\nc d');
  });
});

describe('foldKey', () => {
  it('merges Arabic letter variants and reads Arabic-Indic digits', () => {
    expect(foldKey('أإآٱ ى ة ٢٠٢٥ ۱۲')).toBe('اااا ي ه 2025 12');
  });

  it('lower-cases Latin letters', () => {
    expect(foldKey('MOFCOM Announcement')).toBe('mofcom announcement');
  });

  it('keeps the length of any normalised text, so offsets carry over', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const t = normaliseText(s);
        expect(foldKey(t).length).toBe(t.length);
      }),
    );
  });
});

describe('detectLanguage', () => {
  it.each([
    ['China suspended the export controls on Friday.', 'en'],
    ['中国商務省は7日、輸出規制の一時停止を発表した。', 'ja'],
    ['商务部7日发布公告，决定暂停实施出口管制措施。', 'zh'],
    ['أعلنت وزارة التجارة الصينية تعليق قيود التصدير.', 'ar'],
    ['日米重要鉱物枠組署名', 'ja'],
    ['美日签署关键矿产框架协议', 'zh'],
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('falls back when there are no letters', () => {
    expect(detectLanguage('2025 — 42 %', 'ar')).toBe('ar');
  });
});
