import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  formatCompact,
  formatDate,
  formatNumber,
  formatQuantity,
  formatShare,
  isMessageKey,
  type Language,
  localName,
  translate,
} from './format.ts';
import type { MessageKey } from './messages.ts';

const STORAGE_KEY = 'lodestone.language';

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'ja') return stored;
  } catch {
    // Storage can be blocked (private mode); fall back to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

function useI18nValue(lang: Language, setLang: (l: Language) => void) {
  const t = useCallback(
    (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => translate(lang, key, vars),
    [lang],
  );
  return useMemo(
    () => ({
      lang,
      setLang,
      t,
      /** A label for a key built from data (`state_denied`), or the raw value when there is none. */
      tk: (key: string, fallback: string) => (isMessageKey(key) ? translate(lang, key) : fallback),
      num: (v: number, digits?: number) => formatNumber(lang, v, digits),
      share: (v: number) => formatShare(lang, v),
      compact: (v: number) => formatCompact(lang, v),
      qty: (v: number, unit: string) => formatQuantity(lang, v, unit),
      date: (iso: string) => formatDate(lang, iso),
      name: (named: Parameters<typeof localName>[1]) => localName(lang, named),
    }),
    [lang, setLang, t],
  );
}

export type I18n = ReturnType<typeof useI18nValue>;

const I18nContext = createContext<I18n | null>(null);

/** Holds the language, persisted in localStorage, and sets `<html lang>`. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(storedLanguage);
  const setLang = useCallback((l: Language) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Not persisted; the switch still applies to this page.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useI18nValue(lang, setLang);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Labels and number formats in the chosen language. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}
