// Switches the UI between Chinese and English; the button names the language it switches to.
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGE_NAMES } from '../i18n/i18n.ts';
import { useLanguage } from '../i18n/use-language.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  const other = language === 'zh-CN' ? 'en' : 'zh-CN';

  return (
    <Button
      data-testid="lang-switch"
      title={t('header.switchLanguage')}
      onClick={() => void changeLanguage(other)}
    >
      {LANGUAGE_NAMES[other]}
    </Button>
  );
}
