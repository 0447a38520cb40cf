import { en, ja, type MessageKey } from './messages.ts';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

const LOCALE: Record<Language, string> = { en: 'en-US', ja: 'ja-JP' };
const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, ja };

/** A label in the language, with `{name}` placeholders filled. */
export function translate(
  lang: Language,
  key: MessageKey,
  vars: Readonly<Record<string, string | number>> = {},
): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Whether a string names a message (for keys built from data, such as `state_${state}`). */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** A number with grouping and at most `digits` decimals (fewer for large values) in the language's locale. */
export function formatNumber(lang: Language, value: number, digits?: number): string {
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 3);
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: d }).format(value);
}

/** A share (0–1) as a percentage with one decimal. */
export function formatShare(lang: Language, share: number): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share);
}

/** A short number for axes: 394K in English, 39万 in Japanese. */
export function formatCompact(lang: Language, value: number): string {
  return new Intl.NumberFormat(LOCALE[lang], { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A quantity with its unit label (t → トン in Japanese). */
export function formatQuantity(lang: Language, value: number, unit: string): string {
  const key = `unit_${unit}`;
  const label = isMessageKey(key) ? translate(lang, key) : unit;
  return `${formatNumber(lang, value)} ${label}`;
}

/** A date (YYYY-MM-DD) or month (YYYY-MM) in the language's long form. */
export function formatDate(lang: Language, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (y === undefined || m === undefined) return isoDate;
  const date = new Date(Date.UTC(y, m - 1, d ?? 1));
  return new Intl.DateTimeFormat(LOCALE[lang], {
    year: 'numeric',
    month: 'short',
    ...(d === undefined ? {} : { day: 'numeric' }),
    timeZone: 'UTC',
  }).format(date);
}

/** The name of a thing in the language: `nameJa` in Japanese where the API gives one. */
export function localName(
  lang: Language,
  named: { nameEn?: string | undefined; name?: string | undefined; nameJa?: string | null | undefined },
): string {
  const english = named.nameEn ?? named.name ?? '';
  return lang === 'ja' && named.nameJa ? named.nameJa : english;
}
