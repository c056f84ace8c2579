import { LeftOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The top of a resident page: an optional back button, the title, and room for quick switches. */
export function PageHeader({
  title,
  onBack,
  extra,
}: {
  title: string;
  onBack?: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <header className="ll-page-header">
      {onBack && (
        <button type="button" className="ll-icon-button" onClick={onBack} aria-label={t('common.back')}>
          <LeftOutline aria-hidden />
        </button>
      )}
      <h1 className="ll-page-title">{title}</h1>
      {extra && <div className="ll-page-header-extra">{extra}</div>}
    </header>
  );
}
