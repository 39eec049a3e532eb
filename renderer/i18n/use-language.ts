// The current UI language, and the pick between a record's Chinese and English texts.
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './i18n.ts';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Lanes and decisions carry both texts; English screens fall back to Chinese when one is empty. */
export function pickText(language: Language, zh: string, en: string): string {
  return language === 'en' && en !== '' ? en : zh;
}
